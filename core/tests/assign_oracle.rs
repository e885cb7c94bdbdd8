//! Assignment optimum against OR-Tools' SimpleMinCostFlow, computed once by
//! `tests/fixtures/gen_assign.py` into `tests/fixtures/assign/oracle.json`.

use kechuang::assign::{AssignOptions, AssignProblem, Solver, SolverUsed, assign, diagnose};

#[derive(serde::Deserialize)]
struct Expected {
    status: String,
    total_scaled: Option<i64>,
}

#[derive(serde::Deserialize)]
struct Case {
    name: String,
    problem: AssignProblem,
    expected: Expected,
}

#[derive(serde::Deserialize)]
struct Fixture {
    scale: f64,
    cases: Vec<Case>,
}

fn fixture() -> Fixture {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../tests/fixtures/assign/oracle.json"
    );
    let text = std::fs::read_to_string(path).expect("fixture present");
    serde_json::from_str(&text).expect("fixture parses")
}

#[test]
fn optimal_matches_ortools() {
    let f = fixture();
    assert!(f.cases.len() >= 30);
    let mut opts = AssignOptions::default();
    opts.scale = f.scale;
    let mut optimal = 0;
    for c in &f.cases {
        let got = assign(&c.problem, &opts);
        match (c.expected.status.as_str(), got) {
            ("optimal", Ok(a)) => {
                optimal += 1;
                assert_eq!(
                    Some(a.objective.total_scaled),
                    c.expected.total_scaled,
                    "{}",
                    c.name
                );
                assert!(a.is_complete(), "{}", c.name);
                assert!(matches!(
                    a.solver,
                    SolverUsed::MinCostFlow | SolverUsed::DenseLap
                ));
                // fair is never worse on the worst demand, greedy never better on the total
                let fair = assign(&c.problem, &AssignOptions::with_solver(Solver::Fair))
                    .expect("fair feasible");
                assert!(fair.worst() >= a.worst() - 1e-9, "{}", c.name);
                let greedy = assign(&c.problem, &AssignOptions::with_solver(Solver::Greedy))
                    .expect("greedy feasible");
                assert!(greedy.objective.total_scaled <= a.objective.total_scaled);
                let gap = greedy.diagnostics.gap.expect("gap reported");
                assert_eq!(
                    gap.optimal_total.map(|t| (t * 1e6).round()),
                    Some((a.total() * 1e6).round())
                );
            }
            ("infeasible", Err(e)) => {
                assert_eq!(e.code(), "infeasible", "{}", c.name);
                let why = diagnose(&c.problem).expect("valid").expect("diagnosis");
                assert!(!why.is_empty());
            }
            (want, got) => panic!(
                "{}: expected {want}, got {:?}",
                c.name,
                got.map(|a| a.total())
            ),
        }
    }
    assert!(optimal >= 30);
}
