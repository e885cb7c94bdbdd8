//! CSV tables in and out: spreadsheets as strings, or as the bytes of uploaded files (any
//! encoding the core reads: UTF-8, UTF-16 with BOM, GB18030/GBK).

use kechuang::io::csv::{CsvOptions, CsvTables, load_files, load_tables, to_csv_tables};
use wasm_bindgen::prelude::*;

use crate::Programme;
use crate::convert::{JsResult, core, from_js_or_default, from_json_arg, js_error, json_js, to_js};
use crate::limits::GraphLimits;

#[wasm_bindgen]
impl Programme {
    /// Loads a programme from CSV tables given as text (`{nodes, edges?, events?, outcomes?,
    /// aliases?, taxonomy?}`; only `nodes` is required). Errors name file, row and column;
    /// `limit_exceeded` names the size limit (`limits` lowers them, see `fromJson`).
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "CsvTables")] tables: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CsvOptions")] options: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "GraphLimits")] limits: Option<JsValue>,
    ) -> JsResult<Programme> {
        let limits = GraphLimits::from_arg(limits)?;
        let text = json_js(&tables, "tables")?;
        limits.check_js_text(&text)?;
        let tables: CsvTables = from_json_arg(&String::from(&text), "tables")?;
        let opts: CsvOptions = from_js_or_default(options, "options")?;
        Programme::loaded(core(load_tables(&tables, &opts))?, limits)
    }

    /// Loads a programme from CSV files as bytes, e.g. from `<input type=file>`
    /// (`{"nodes.csv": Uint8Array, "edges.csv": ...}`; a string value is taken as UTF-8). The
    /// encoding is detected per file unless `options.encoding` forces one. The total size is
    /// checked against the limits before any file is copied into WASM memory.
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
            owned.push((name, bytes));
        }
        limits.check_input(owned.iter().map(|(_, b)| b.len()).sum())?;
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
