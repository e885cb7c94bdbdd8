//! CSV tables in and out: spreadsheets as strings, or as the bytes of uploaded files (any
//! encoding the core reads: UTF-8, UTF-16 with BOM, GB18030/GBK).

use kechuang::io::csv::{CsvOptions, CsvTables, load_files, load_tables, to_csv_tables};
use wasm_bindgen::prelude::*;

use crate::Programme;
use crate::convert::{JsResult, core, from_js, from_js_or_default, js_error, to_js};

#[wasm_bindgen]
impl Programme {
    /// Loads a programme from CSV tables given as text (`{nodes, edges?, events?, outcomes?,
    /// aliases?, taxonomy?}`; only `nodes` is required). Errors name file, row and column.
    #[wasm_bindgen(js_name = fromCsv)]
    pub fn from_csv(
        #[wasm_bindgen(unchecked_param_type = "CsvTables")] tables: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CsvOptions")] options: Option<JsValue>,
    ) -> JsResult<Programme> {
        let tables: CsvTables = from_js(tables, "tables")?;
        let opts: CsvOptions = from_js_or_default(options, "options")?;
        Ok(Programme::from_graph(core(load_tables(&tables, &opts))?))
    }

    /// Loads a programme from CSV files as bytes, e.g. from `<input type=file>`
    /// (`{"nodes.csv": Uint8Array, "edges.csv": ...}`; a string value is taken as UTF-8). The
    /// encoding is detected per file unless `options.encoding` forces one.
    #[wasm_bindgen(js_name = fromCsvFiles)]
    pub fn from_csv_files(
        #[wasm_bindgen(unchecked_param_type = "Record<string, Uint8Array | string>")]
        files: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "CsvOptions")] options: Option<JsValue>,
    ) -> JsResult<Programme> {
        let opts: CsvOptions = from_js_or_default(options, "options")?;
        let bad = || {
            js_error(kechuang::Error::invalid(
                "files",
                "must map file names to Uint8Array or string contents, e.g. {\"nodes.csv\": bytes}",
            ))
        };
        let obj: &js_sys::Object = files.dyn_ref().ok_or_else(bad)?;
        let mut owned: Vec<(String, Vec<u8>)> = Vec::new();
        for entry in js_sys::Object::entries(obj).iter() {
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
        let refs: Vec<(&str, &[u8])> = owned
            .iter()
            .map(|(n, b)| (n.as_str(), b.as_slice()))
            .collect();
        Ok(Programme::from_graph(core(load_files(&refs, &opts))?))
    }

    /// The programme as CSV tables (text), which `fromCsv` reads back into an equal
    /// programme, ids included.
    #[wasm_bindgen(js_name = toCsv, unchecked_return_type = "CsvTables")]
    pub fn to_csv(&self) -> JsResult<JsValue> {
        to_js(&core(to_csv_tables(&self.graph))?)
    }
}
