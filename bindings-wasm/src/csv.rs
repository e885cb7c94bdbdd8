//! CSV tables in and out: spreadsheets as strings, or as the bytes of uploaded files (any
//! encoding the core reads: UTF-8, UTF-16 with BOM, GB18030/GBK).

use kechuang::io::csv::{CsvOptions, CsvTables, load_files, load_tables, to_csv_tables};
use wasm_bindgen::prelude::*;

use crate::Programme;
use crate::convert::{JsResult, core, from_js_or_default, js_error, to_js};
use crate::limits::GraphLimits;

#[wasm_bindgen]
impl Programme {
    /// Loads a programme from CSV tables given as text (`{nodes, edges?, events?, outcomes?,
    /// aliases?, taxonomy?}`; only `nodes` is required). Errors name file, row and column;
    /// `limit_exceeded` names the size limit (`limits` lowers them, see `fromJson`): the total
    /// UTF-16 length of the tables (at most their UTF-8 size) is checked before any is copied
    /// into WASM memory, their exact UTF-8 size as each is copied, the counts once loaded.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "CsvTables")] tables: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CsvOptions")] options: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "GraphLimits")] limits: Option<JsValue>,
    ) -> JsResult<Programme> {
        let limits = GraphLimits::from_arg(limits)?;
        let bad = |field: String| {
            js_error(kechuang::Error::invalid(
                field,
                "must be an object of table texts (strings), e.g. {nodes: \"key,kind\\n...\"}",
            ))
        };
        if !tables.is_object() || js_sys::Array::is_array(&tables) {
            return Err(bad("tables".into()));
        }
        let entries = js_sys::Object::entries(tables.unchecked_ref());
        // sizes first: a string's UTF-8 size is at least its UTF-16 length; nothing copied yet
        let mut texts: Vec<(String, js_sys::JsString)> = Vec::new();
        let mut total = 0usize;
        for entry in entries.iter() {
            let pair: js_sys::Array = entry.unchecked_into();
            let name = pair.get(0).as_string().unwrap_or_default();
            let value = pair.get(1);
            if value.is_undefined() {
                continue; // as JSON.stringify: an absent table
            }
            let text: js_sys::JsString = value
                .dyn_into()
                .map_err(|_| bad(format!("tables.{name}")))?;
            total = total.saturating_add(text.length() as usize);
            texts.push((name, text));
        }
        limits.check_input(total)?;
        // then the exact UTF-8 size, table by table as each is copied (at most 3 bytes per
        // UTF-16 unit, so no copy exceeds 3 × its checked length)
        let mut bytes = 0usize;
        let mut map = serde_json::Map::new();
        for (name, text) in texts {
            let text = String::from(&text);
            bytes = bytes.saturating_add(text.len());
            limits.check_input(bytes)?;
            map.insert(name, serde_json::Value::String(text));
        }
        let tables: CsvTables =
            serde_json::from_value(serde_json::Value::Object(map)).map_err(|e| {
                js_error(kechuang::Error::invalid(
                    "tables",
                    format!("{e}; see the TypeScript type CsvTables in kechuang.d.ts"),
                ))
            })?;
        let opts: CsvOptions = from_js_or_default(options, "options")?;
        Programme::loaded(core(load_tables(&tables, &opts))?, limits)
    }

    /// Loads a programme from CSV files as bytes, e.g. from `<input type=file>`
    /// (`{"nodes.csv": Uint8Array, "edges.csv": ...}`; a string value is taken as UTF-8). The
    /// encoding is detected per file unless `options.encoding` forces one. The total size
    /// (bytes, or a string's UTF-16 length, at most its UTF-8 size) is checked against the
    /// limits before any file is copied into WASM memory, the exact size as each is copied.
    #[wasm_bindgen(js_name = fromCsvFiles)]
    pub fn from_csv_files(
        #[wasm_bindgen(unchecked_param_type = "Record<string, Uint8Array | string>")]
        files: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CsvOptions")] options: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "GraphLimits")] limits: Option<JsValue>,
    ) -> JsResult<Programme> {
        let limits = GraphLimits::from_arg(limits)?;
        let opts: CsvOptions = from_js_or_default(options, "options")?;
        let bad = || {
            js_error(kechuang::Error::invalid(
                "files",
                "must map file names to Uint8Array or string contents, e.g. {\"nodes.csv\": bytes}",
            ))
        };
        let obj: &js_sys::Object = files.dyn_ref().ok_or_else(bad)?;
        let entries = js_sys::Object::entries(obj);
        // sizes first (a string's UTF-8 size is at least its UTF-16 length), nothing copied yet
        let mut total = 0usize;
        for entry in entries.iter() {
            let pair: js_sys::Array = entry.dyn_into().map_err(|_| bad())?;
            let value = pair.get(1);
            total = total.saturating_add(if let Some(s) = value.dyn_ref::<js_sys::JsString>() {
                s.length() as usize
            } else if let Some(b) = value.dyn_ref::<js_sys::Uint8Array>() {
                b.length() as usize
            } else {
                return Err(bad());
            });
        }
        limits.check_input(total)?;
        let mut owned: Vec<(String, Vec<u8>)> = Vec::new();
        let mut copied = 0usize;
        for entry in entries.iter() {
            let pair: js_sys::Array = entry.dyn_into().map_err(|_| bad())?;
            let name = pair.get(0).as_string().ok_or_else(bad)?;
            let value = pair.get(1);
            let bytes = if let Some(s) = value.as_string() {
                s.into_bytes()
            } else if value.is_instance_of::<js_sys::Uint8Array>() {
                js_sys::Uint8Array::new(&value).to_vec()
            } else {
                return Err(bad());
            };
            copied = copied.saturating_add(bytes.len());
            limits.check_input(copied)?;
            owned.push((name, bytes));
        }
        let refs: Vec<(&str, &[u8])> = owned
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        Programme::loaded(core(load_files(&refs, &opts))?, limits)
    }

    /// The programme as CSV tables (text), which `fromCsv` reads back into an equal
    /// programme, ids included.
    #[wasm_bindgen(js_name = toCsv, unchecked_return_type = "CsvTables")]
    pub fn to_csv(&self) -> JsResult<JsValue> {
        to_js(&core(to_csv_tables(&self.graph))?)
    }
}
