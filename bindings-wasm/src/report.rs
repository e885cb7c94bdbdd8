//! Programme operations: a demand's lifecycle transitions, the pilot-city KPI report (with its
//! funnel; `report` and `reportJson` are defined in `twins.rs`) and its printable table.

use kechuang::model::{Date, DemandStatus};
use kechuang::programme::{Lang, ProgrammeReport, ReportOptions, programme_report, transition};
use wasm_bindgen::prelude::*;

use crate::Programme;
use crate::convert::{JsResult, core, from_js, from_js_or_default, to_js};

impl Programme {
    /// `report` / `reportJson`: the KPI report.
    pub(crate) fn report_of(&self, options: Option<JsValue>) -> JsResult<ProgrammeReport> {
        let opts: ReportOptions = from_js_or_default(options, "options")?;
        core(programme_report(&self.graph, &opts))
    }
}

#[wasm_bindgen]
impl Programme {
    /// The same report as a printable table with Chinese, English or both labels.
    #[wasm_bindgen(js_name = reportTable)]
    pub fn report_table(
        &self,
        #[wasm_bindgen(unchecked_optional_param_type = "ReportOptions")] options: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "ReportLang")] lang: Option<JsValue>,
    ) -> JsResult<String> {
        let lang: Lang = match lang {
            Some(v) if !v.is_undefined() && !v.is_null() => from_js(v, "lang")?,
            _ => Lang::default(),
        };
        Ok(self.report_of(options)?.to_table(lang))
    }

    /// Moves a demand to its next lifecycle state (`to`: `"analysed"`, `"matched"`, …) on
    /// `date` (`"YYYY-MM-DD"`), by an optional actor (e.g. a liaison's key) with an optional
    /// note; returns the recorded event. Errors (and then nothing changes): `unknown_key`,
    /// `wrong_kind`, `invalid_transition` (the message lists the allowed next states),
    /// `invalid_value` (an unknown state, a date before the last event or the posting, an
    /// empty actor), `parse_error` (a malformed date).
    #[wasm_bindgen(unchecked_return_type = "DemandEvent")]
    pub fn transition(
        &mut self,
        demand: &str,
        #[wasm_bindgen(unchecked_param_type = "DemandStatus")] to: JsValue,
        date: &str,
        actor: Option<String>,
        note: Option<String>,
    ) -> JsResult<JsValue> {
        let to: DemandStatus = from_js(to, "to")?;
        let date: Date = core(date.parse())?;
        let event = core(transition(
            self.graph_mut(),
            demand,
            to,
            date,
            actor.as_deref(),
            note.as_deref(),
        ))?;
        to_js(&event)
    }
}
