//! Serde glue: a CSV row deserialises straight into the shared records, so the column list is
//! the records' field list and never written out a second time.

use std::fmt;

use serde::de::{
    self, DeserializeSeed, Deserializer, IntoDeserializer, MapAccess, SeqAccess, Visitor,
};
use serde::forward_to_deserialize_any;

use super::decode::{Shown, parse_bool, parse_f32, parse_f64, parse_i64, split_list};

/// The field names of a struct that derives `Deserialize` (read from the `fields` argument
/// serde passes to `deserialize_struct`).
pub(super) fn struct_fields<T: de::DeserializeOwned>() -> &'static [&'static str] {
    struct Probe<'a>(&'a mut &'static [&'static str]);
    impl<'de> Deserializer<'de> for Probe<'_> {
        type Error = de::value::Error;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Self::Error> {
            Err(de::Error::custom("not a struct"))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Self::Error> {
            *self.0 = fields;
            Err(de::Error::custom("probed"))
        }
        forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
            option unit unit_struct newtype_struct seq tuple tuple_struct map enum identifier
            ignored_any
        }
    }
    let mut fields: &'static [&'static str] = &[];
    let _ = T::deserialize(Probe(&mut fields));
    fields
}

/// What kind of error a cell produced.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Kind {
    /// Text that does not parse (number, date, JSON…) → `parse_error`.
    Parse,
    /// A well-formed value that is not allowed (unknown enum name, missing field) →
    /// `invalid_value`.
    Invalid,
}

/// Error of the row deserialiser; the reader turns it into a located [`crate::Error`].
#[derive(Debug, Clone)]
pub(super) struct CellError {
    pub kind: Kind,
    pub column: Option<String>,
    pub message: String,
}

impl CellError {
    fn parse(message: impl Into<String>) -> Self {
        CellError {
            kind: Kind::Parse,
            column: None,
            message: message.into(),
        }
    }
    fn invalid(message: impl Into<String>) -> Self {
        CellError {
            kind: Kind::Invalid,
            column: None,
            message: message.into(),
        }
    }
}

impl fmt::Display for CellError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)
    }
}

impl std::error::Error for CellError {}

impl de::Error for CellError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        CellError::parse(msg.to_string())
    }
    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        CellError::parse(format!("{unexp} is not {exp}"))
    }
    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        CellError::invalid(format!("{unexp} is out of range: expected {exp}"))
    }
    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        CellError::invalid(format!(
            "{:?} is not one of: {}",
            Shown(variant),
            expected.join(", ")
        ))
    }
    fn missing_field(field: &'static str) -> Self {
        CellError {
            kind: Kind::Invalid,
            column: Some(field.to_string()),
            message: "is missing; this column is required and the cell must not be empty".into(),
        }
    }
}

fn json(e: serde_json::Error) -> CellError {
    CellError::parse(format!("is not valid JSON: {e}"))
}

/// A row: `(field, cell text)` pairs with non-empty cells only.
pub(super) struct Row<'de>(pub Vec<(&'de str, &'de str)>);

impl<'de> Deserializer<'de> for Row<'de> {
    type Error = CellError;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CellError> {
        visitor.visit_map(RowAccess {
            cells: self.0.into_iter(),
            current: None,
        })
    }
    forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf
        option unit unit_struct newtype_struct seq tuple tuple_struct map struct enum identifier
        ignored_any
    }
}

struct RowAccess<'de> {
    cells: std::vec::IntoIter<(&'de str, &'de str)>,
    current: Option<(&'de str, &'de str)>,
}

impl<'de> MapAccess<'de> for RowAccess<'de> {
    type Error = CellError;
    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, CellError> {
        self.current = self.cells.next();
        match self.current {
            Some((field, _)) => seed.deserialize(field.into_deserializer()).map(Some),
            None => Ok(None),
        }
    }
    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, CellError> {
        let (field, text) = self
            .current
            .take()
            .ok_or_else(|| CellError::parse("value without a column"))?;
        seed.deserialize(Cell(text)).map_err(|mut e| {
            e.column.get_or_insert_with(|| field.to_string());
            e
        })
    }
}

/// One cell's text, deserialised by the type the record asks for.
pub(super) struct Cell<'de>(pub &'de str);

impl<'de> Deserializer<'de> for Cell<'de> {
    type Error = CellError;
    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CellError> {
        visitor.visit_borrowed_str(self.0)
    }
    fn deserialize_bool<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CellError> {
        visitor.visit_bool(parse_bool(self.0).map_err(CellError::parse)?)
    }
    fn deserialize_i8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, CellError> {
        self.deserialize_i64(v)
    }
    fn deserialize_i16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, CellError> {
        self.deserialize_i64(v)
    }
    fn deserialize_i32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, CellError> {
        self.deserialize_i64(v)
    }
    fn deserialize_i64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CellError> {
        visitor.visit_i64(parse_i64(self.0).map_err(CellError::parse)?)
    }
    fn deserialize_u8<V: Visitor<'de>>(self, v: V) -> Result<V::Value, CellError> {
        self.deserialize_u64(v)
    }
    fn deserialize_u16<V: Visitor<'de>>(self, v: V) -> Result<V::Value, CellError> {
        self.deserialize_u64(v)
    }
    fn deserialize_u32<V: Visitor<'de>>(self, v: V) -> Result<V::Value, CellError> {
        self.deserialize_u64(v)
    }
    fn deserialize_u64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CellError> {
        let v = parse_i64(self.0).map_err(CellError::parse)?;
        let v = u64::try_from(v).map_err(|_| {
            CellError::invalid(format!(
                "{:?} is negative; a number ≥ 0 is needed",
                Shown(self.0)
            ))
        })?;
        visitor.visit_u64(v)
    }
    fn deserialize_f32<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CellError> {
        visitor.visit_f32(parse_f32(self.0).map_err(CellError::parse)?)
    }
    fn deserialize_f64<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CellError> {
        visitor.visit_f64(parse_f64(self.0).map_err(CellError::parse)?)
    }
    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CellError> {
        if self.0.is_empty() {
            visitor.visit_none()
        } else {
            visitor.visit_some(self)
        }
    }
    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        visitor: V,
    ) -> Result<V::Value, CellError> {
        visitor.visit_newtype_struct(self)
    }
    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CellError> {
        let t = self.0.trim_start();
        if t.starts_with('[') {
            let mut de = serde_json::Deserializer::from_str(t);
            let v = de.deserialize_seq(visitor).map_err(json)?;
            de.end().map_err(json)?;
            Ok(v)
        } else {
            visitor.visit_seq(ListAccess(split_list(self.0)))
        }
    }
    fn deserialize_tuple<V: Visitor<'de>>(self, _: usize, v: V) -> Result<V::Value, CellError> {
        self.deserialize_seq(v)
    }
    fn deserialize_tuple_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: usize,
        v: V,
    ) -> Result<V::Value, CellError> {
        self.deserialize_seq(v)
    }
    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CellError> {
        let mut de = serde_json::Deserializer::from_str(self.0);
        let v = de.deserialize_map(visitor).map_err(json)?;
        de.end().map_err(json)?;
        Ok(v)
    }
    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, CellError> {
        self.deserialize_map(visitor)
    }
    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _: &'static str,
        _: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, CellError> {
        let name = self.0.trim().to_ascii_lowercase().replace(['-', ' '], "_");
        visitor.visit_enum(de::value::StringDeserializer::<CellError>::new(name))
    }
    fn deserialize_ignored_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, CellError> {
        visitor.visit_unit()
    }
    forward_to_deserialize_any! {
        i128 u128 char str string bytes byte_buf unit unit_struct identifier
    }
}

struct ListAccess<I>(I);

impl<'de, I: Iterator<Item = &'de str>> SeqAccess<'de> for ListAccess<I> {
    type Error = CellError;
    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, CellError> {
        match self.0.next() {
            Some(item) => seed.deserialize(Cell(item)).map(Some),
            None => Ok(None),
        }
    }
}
