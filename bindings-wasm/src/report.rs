//! Programme operations: the pilot-city KPI report (with its funnel) and its printable table.

use kechuang::programme::{Lang, ReportOptions, programme_report};
use wasm_bindgen::prelude::*;

use crate::Programme;
use crate::convert::{JsResult, core, from_js, from_js_or_default, js_error, to_js};

#[wasm_bindgen]
impl Programme {
    /// The pilot-city report for a period and an optional region (nested regions add up):
    /// societies in cooperation, experts brought in and academicians among them, problems
    /// solved, alliances, workstations, agreements, projects and their funds, liaisons by tier,
    /// economic benefit, best market share, and the demand funnel.
    #[wasm_bindgen(unchecked_return_type = "ProgrammeReport")]
    pub fn report(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ReportOptions")] options: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let opts: ReportOptions = from_js_or_default(options, "options")?;
        let report = core(programme_report(&self.graph, &opts))?;
        // through serde_json: `liaisons_by_tier` has integer keys, which become strings there
        // (a JS object cannot have number keys)
        let value = serde_json::to_value(&report)
            .map_err(|e| js_error(kechuang::Error::invalid("result", e.to_string())))?;
        to_js(&value)
    }

    /// The same report as a printable table with Chinese, English or both labels.
    #[wasm_bindgen(js_name = reportTable)]
    pub fn report_table(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ReportOptions")] options: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "ReportLang")] lang: Option<JsValue>,
    ) -> JsResult<String> {
        let opts: ReportOptions = from_js_or_default(options, "options")?;
        let lang: Lang = match lang {
            Some(v) if !v.is_undefined() && !v.is_null() => from_js(v, "lang")?,
            _ => Lang::default(),
        };
        Ok(core(programme_report(&self.graph, &opts))?.to_table(lang))
    }
}
