//! Scores by entity key: the form in which the bindings, reports and cross-language fixtures
//! show a network measure.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use crate::error::{Error, Result};
use crate::graph::{CollabGraph, FrozenGraph};
use crate::model::NodeKind;

use super::{Betweenness, PageRank, top_k};

/// One entity's score on a measure.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeScore {
    /// The entity's key.
    pub key: String,
    /// The entity's kind.
    pub kind: NodeKind,
    /// Its score (`NaN` where the measure is undefined).
    pub score: f64,
}

/// A score per entity on one measure (PageRank, betweenness, …), by key, in id order.
///
/// The dense results ([`PageRank`], [`Betweenness`]) index nodes by their position in a
/// [`FrozenGraph`]; [`PageRank::keyed`] and [`Betweenness::keyed`] turn them into this form,
/// which outlives the graph and serialises the same in Rust, Python and JavaScript.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct NodeScores {
    /// The measure's name (`"pagerank"`, `"betweenness"`).
    pub measure: String,
    /// One score per entity, in id order.
    pub scores: Vec<NodeScore>,
    /// What the computation reported besides the scores (iterations, convergence, sources…).
    pub info: Value,
}

impl NodeScores {
    /// Scores `values` (one per dense index of `f`) by key; `invalid_value` (field `frozen`)
    /// when `values` is not one per entity of `f`.
    fn of(
        g: &CollabGraph,
        f: &FrozenGraph,
        measure: &str,
        values: &[f64],
        info: Value,
    ) -> Result<NodeScores> {
        if values.len() != f.node_count() {
            return Err(Error::invalid(
                "frozen",
                format!(
                    "has {} entities but the {measure} scores are for {}; pass the frozen view \
                     they were computed on",
                    f.node_count(),
                    values.len()
                ),
            ));
        }
        let scores = values
            .iter()
            .enumerate()
            .map(|(d, &score)| {
                let d = d as u32;
                NodeScore {
                    key: g.key(f.id(d)).to_string(),
                    kind: f.kind(d),
                    score,
                }
            })
            .collect();
        Ok(NodeScores {
            measure: measure.into(),
            scores,
            info,
        })
    }

    /// The score of the entity with `key` (`None` if it has none).
    pub fn get(&self, key: &str) -> Option<f64> {
        self.scores.iter().find(|s| s.key == key).map(|s| s.score)
    }

    /// The `k` highest scores, optionally of one kind, best first; ties by id, `NaN` last.
    pub fn top(&self, k: usize, kind: Option<NodeKind>) -> Vec<&NodeScore> {
        let picked: Vec<&NodeScore> = self
            .scores
            .iter()
            .filter(|s| kind.is_none_or(|k| s.kind == k))
            .collect();
        let values: Vec<f64> = picked.iter().map(|s| s.score).collect();
        top_k(&values, k)
            .into_iter()
            .filter_map(|(i, _)| picked.get(i as usize).copied())
            .collect()
    }
}

impl PageRank {
    /// These scores by key, with `iterations`, `converged` and `residual` as info;
    /// `invalid_value` when `f` is not the frozen view they were computed on.
    ///
    /// ```
    /// use kechuang::impact::{pagerank, GraphRankOptions};
    /// let p = kechuang::synth::taian(7)?;
    /// let f = p.graph.frozen();
    /// let pr = pagerank(&f, &GraphRankOptions::default(), &[], None)?;
    /// let keyed = pr.keyed(&p.graph, &f)?;
    /// assert_eq!(keyed.scores.len(), p.graph.node_count());
    /// assert!(keyed.top(1, None)[0].score > 0.0);
    /// # Ok::<(), kechuang::Error>(())
    /// ```
    pub fn keyed(&self, g: &CollabGraph, f: &FrozenGraph) -> Result<NodeScores> {
        let info = json!({
            "iterations": self.iterations,
            "converged": self.converged,
            "residual": self.residual,
        });
        NodeScores::of(g, f, "pagerank", &self.scores, info)
    }
}

impl Betweenness {
    /// These scores by key, with `exact` and the number of `sources` as info;
    /// `invalid_value` when `f` is not the frozen view they were computed on.
    pub fn keyed(&self, g: &CollabGraph, f: &FrozenGraph) -> Result<NodeScores> {
        let info = json!({"exact": self.exact, "sources": self.sources.len()});
        NodeScores::of(g, f, "betweenness", &self.scores, info)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::impact::{GraphRankOptions, pagerank};
    use crate::model::{Node, Relation};

    #[test]
    fn keyed_scores_follow_ids_and_rank_by_score_then_id() {
        let mut g = CollabGraph::new();
        for (k, kind) in [
            ("a", NodeKind::Expert),
            ("b", NodeKind::Expert),
            ("c", NodeKind::Society),
        ] {
            g.add_node(Node::new(k, kind, k)).unwrap();
        }
        g.connect(Relation::MemberOf, "a", "c").unwrap();
        g.connect(Relation::MemberOf, "b", "c").unwrap();
        let f = g.frozen();
        let pr = pagerank(&f, &GraphRankOptions::default(), &[], None).unwrap();
        let k = pr.keyed(&g, &f).unwrap();
        let keys: Vec<&str> = k.scores.iter().map(|s| s.key.as_str()).collect();
        assert_eq!(keys, ["a", "b", "c"]);
        let experts: Vec<&str> = k
            .top(5, Some(NodeKind::Expert))
            .iter()
            .map(|s| s.key.as_str())
            .collect();
        assert_eq!(experts, ["a", "b"], "a tie goes to the smaller id");
        assert_eq!(k.get("zzz"), None);
        assert_eq!(k.get("a"), k.get("b"));
        assert_eq!(k.info["converged"], json!(true));
        // scores of another frozen view: an error, not a panic or wrong keys
        g.add_node(Node::new("d", NodeKind::Expert, "d")).unwrap();
        let bigger = g.frozen();
        let err = pr.keyed(&g, &bigger).unwrap_err();
        assert_eq!(err.field(), Some("frozen"));
    }
}
