//! Assignment: many demands to many experts — optimal, fair or greedy, under needs, loads,
//! conflicts, forced pairs and quotas; and the diagnosis of an infeasible problem.

use kechuang::assign::{
    Affinity, AssignOptions, AssignProblem, Assignment, ConflictRules, Progress, assign,
    assign_with, diagnose,
};
use wasm_bindgen::prelude::*;

use crate::Programme;
use crate::convert::{JsResult, core, from_js, from_js_or_default, js_error, to_js};

/// A JS exception (from the progress callback) or a core error, on its way back to JS.
struct Thrown(JsValue);

impl From<kechuang::Error> for Thrown {
    fn from(e: kechuang::Error) -> Self {
        Thrown(js_error(e))
    }
}

/// Solves with an optional JS progress callback `({stage, done, total}) => boolean | void`:
/// returning `false` cancels (`cancelled`); an exception it throws is rethrown unchanged.
fn solve(
    problem: &AssignProblem,
    options: &AssignOptions,
    on_progress: Option<js_sys::Function>,
) -> JsResult<JsValue> {
    let hook = |p: Progress| -> Result<(), Thrown> {
        let Some(f) = &on_progress else {
            return Ok(());
        };
        let arg = js_sys::Object::new();
        for (k, v) in [
            ("stage", JsValue::from_str(p.stage)),
            ("done", JsValue::from_f64(p.done as f64)),
            ("total", JsValue::from_f64(p.total as f64)),
        ] {
            js_sys::Reflect::set(&arg, &JsValue::from_str(k), &v).map_err(Thrown)?;
        }
        let r = f.call1(&JsValue::NULL, &arg).map_err(Thrown)?;
        if r.as_bool() == Some(false) {
            return Err(Thrown(js_error(kechuang::Error::Cancelled)));
        }
        Ok(())
    };
    match assign_with(problem, options, hook) {
        Ok(a) => to_js(&a),
        Err(Thrown(e)) => Err(e),
    }
}

/// Solves an assignment problem given in full (demands, experts, sparse `affinities` or a
/// dense `matrix`, conflicts, forced pairs, quotas). Errors: `infeasible` (the message says
/// which constraint and by how much; [`diagnose_problem`] gives the structured diagnosis),
/// `invalid_value`, `unknown_key`, `limit_exceeded`, `cancelled`.
#[wasm_bindgen(js_name = assign, unchecked_return_type = "Assignment")]
pub fn assign_problem(
    #[wasm_bindgen(unchecked_param_type = "AssignProblem")] problem: JsValue,
    #[wasm_bindgen(unchecked_optional_param_type = "AssignOptions")] options: Option<JsValue>,
    #[wasm_bindgen(unchecked_optional_param_type = "(progress: AssignProgress) => boolean | void")]
    on_progress: Option<js_sys::Function>,
) -> JsResult<JsValue> {
    let problem: AssignProblem = from_js(problem, "problem")?;
    let options: AssignOptions = from_js_or_default(options, "options")?;
    solve(&problem, &options, on_progress)
}

/// Why a problem has no assignment (needs above eligible experts, loads, forced pairs,
/// quotas, a bottleneck), or `null` when it has one.
#[wasm_bindgen(js_name = diagnose, unchecked_return_type = "Infeasibility | null")]
pub fn diagnose_problem(
    #[wasm_bindgen(unchecked_param_type = "AssignProblem")] problem: JsValue,
) -> JsResult<JsValue> {
    let problem: AssignProblem = from_js(problem, "problem")?;
    match core(diagnose(&problem))? {
        Some(d) => to_js(&d),
        None => Ok(JsValue::NULL),
    }
}

impl Programme {
    /// `assignDemands` / `assignJson`: affinity table of `demands` with `k` experts each →
    /// `AffinityTable::to_affinities` → `AssignProblem::from_graph(g, affinities, rules)` →
    /// `assign` with the default options (the contract of the cross-language fixture).
    pub(crate) fn assignment_of(
        &mut self,
        demands: Vec<String>,
        k: Option<JsValue>,
        rules: Option<JsValue>,
    ) -> JsResult<Assignment> {
        let rules: ConflictRules = from_js_or_default(rules, "rules")?;
        let affinities = self.affinity_table_of(demands, k)?.to_affinities();
        let problem = core(AssignProblem::from_graph(&self.graph, affinities, &rules))?;
        core(assign(&problem, &AssignOptions::default()))
    }
}

#[wasm_bindgen]
impl Programme {
    /// The assignment problem over the demands and experts named in `affinities` (e.g. the
    /// entries of `affinityTable`, as `{demand, expert, score}`): needs, loads (from experts'
    /// capacity), groups (`"academician"`, `"org:<key>"`) and the conflicts of interest the
    /// graph implies under `rules`.
    #[wasm_bindgen(js_name = assignmentProblem, unchecked_return_type = "AssignProblem")]
    pub fn assignment_problem(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Affinity[]")] affinities: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ConflictRules")] rules: Option<JsValue>,
    ) -> JsResult<JsValue> {
        let affinities: Vec<Affinity> = from_js(affinities, "affinities")?;
        let rules: ConflictRules = from_js_or_default(rules, "rules")?;
        to_js(&core(AssignProblem::from_graph(
            &self.graph,
            affinities,
            &rules,
        ))?)
    }

    /// Builds the problem as [`Programme::assignment_problem`] does and solves it.
    #[wasm_bindgen(unchecked_return_type = "Assignment")]
    pub fn assign(
        &self,
        #[wasm_bindgen(unchecked_param_type = "Affinity[]")] affinities: JsValue,
        #[wasm_bindgen(unchecked_optional_param_type = "ConflictRules")] rules: Option<JsValue>,
        #[wasm_bindgen(unchecked_optional_param_type = "AssignOptions")] options: Option<JsValue>,
        #[wasm_bindgen(
            unchecked_optional_param_type = "(progress: AssignProgress) => boolean | void"
        )]
        on_progress: Option<js_sys::Function>,
    ) -> JsResult<JsValue> {
        let affinities: Vec<Affinity> = from_js(affinities, "affinities")?;
        let rules: ConflictRules = from_js_or_default(rules, "rules")?;
        let options: AssignOptions = from_js_or_default(options, "options")?;
        let problem = core(AssignProblem::from_graph(&self.graph, affinities, &rules))?;
        solve(&problem, &options, on_progress)
    }
}
