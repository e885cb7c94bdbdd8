//! Teams of complementary experts: greedy selection with maximal marginal relevance.

use super::config::Query;
use super::result::Team;
use super::score::{Prepared, Scored};
use super::{Matcher, NONE};
use crate::error::Result;
use crate::graph::{CollabGraph, Direction};
use crate::model::Relation;
use crate::text::{TermKind, kind_of};

impl Matcher {
    /// Greedy MMR teams over the scored experts.
    ///
    /// Each expert covers the query terms (words and bigrams, weighted by IDF) found in its best
    /// evidence units. Starting from each of the best experts in turn, members are added by
    /// `0.5·score + 0.5·coverage gain − 0.3·max Jaccard overlap with a member − 0.2·[same
    /// employer as a member]` until the team has `team_size` members, or has at least two and
    /// nobody adds coverage. Team score = mean member score × coverage. Duplicate teams are
    /// dropped; the best `q.teams` are returned.
    ///
    /// Complexity: O(s · t · n · m) for s seeds, t team size, n scored experts and m query
    /// terms.
    ///
    /// Reference: Carbonell and Goldstein, "The use of MMR, diversity-based reranking for
    /// reordering documents and producing summaries", SIGIR 1998.
    pub(crate) fn build_teams(
        &self,
        g: &CollabGraph,
        p: &Prepared,
        q: &Query,
        scored: &[Scored],
    ) -> Result<Vec<Team>> {
        let size = q.team_size.clamp(2, 5);
        let items: Vec<(u32, f64)> = p
            .terms
            .iter()
            .filter(|t| kind_of(&t.text) != TermKind::CjkUnigram)
            .map(|t| (t.term, f64::from(t.weight * self.index.idf(t.term))))
            .collect();
        let total: f64 = items.iter().map(|i| i.1).sum();
        if total <= 0.0 || scored.len() < 2 {
            return Ok(Vec::new());
        }
        let covers: Vec<Vec<bool>> = scored
            .iter()
            .map(|s| {
                items
                    .iter()
                    .map(|&(t, _)| {
                        s.units
                            .iter()
                            .any(|&u| u != NONE && self.index.contains(t, u))
                    })
                    .collect()
            })
            .collect();
        let inst: Vec<Vec<String>> = scored
            .iter()
            .map(|s| {
                let mut v: Vec<String> = g
                    .neighbors(
                        self.cand(s.cand).id,
                        Some(Relation::AffiliatedWith),
                        Direction::Out,
                    )
                    .map(|i| g.key(i).to_string())
                    .collect();
                v.sort();
                v.dedup();
                v
            })
            .collect();
        let jaccard = |a: &[bool], b: &[bool]| {
            let inter = a.iter().zip(b).filter(|(x, y)| **x && **y).count();
            let union = a.iter().zip(b).filter(|(x, y)| **x || **y).count();
            if union == 0 {
                0.0
            } else {
                inter as f64 / union as f64
            }
        };
        let mut teams: Vec<(Vec<usize>, f64, f64)> = Vec::new();
        let seeds = scored.len().min(q.teams.max(1) * 3);
        for seed in 0..seeds {
            let mut members = vec![seed];
            let mut covered = covers[seed].clone();
            while members.len() < size {
                let mut best: Option<(usize, f64, f64)> = None;
                for (c, cov) in covers.iter().enumerate() {
                    if members.contains(&c) {
                        continue;
                    }
                    let gain: f64 = items
                        .iter()
                        .zip(cov)
                        .zip(&covered)
                        .filter(|((_, now), before)| **now && !**before)
                        .map(|((i, _), _)| i.1)
                        .sum::<f64>()
                        / total;
                    let overlap = members
                        .iter()
                        .map(|&m| jaccard(cov, &covers[m]))
                        .fold(0.0, f64::max);
                    let same_inst = members
                        .iter()
                        .any(|&m| inst[m].iter().any(|i| inst[c].contains(i)));
                    let v = 0.5 * scored[c].score + 0.5 * gain
                        - 0.3 * overlap
                        - if same_inst { 0.2 } else { 0.0 };
                    if best.is_none_or(|b| v > b.1) {
                        best = Some((c, v, gain));
                    }
                }
                match best {
                    Some((c, _, gain)) if gain > 0.0 || members.len() < 2 => {
                        for (x, &y) in covered.iter_mut().zip(&covers[c]) {
                            *x |= y;
                        }
                        members.push(c);
                    }
                    _ => break,
                }
            }
            let coverage = items
                .iter()
                .zip(&covered)
                .filter(|(_, c)| **c)
                .map(|(i, _)| i.1)
                .sum::<f64>()
                / total;
            let mean = members.iter().map(|&m| scored[m].score).sum::<f64>() / members.len() as f64;
            let mut key = members.clone();
            key.sort_unstable();
            if !teams.iter().any(|t| {
                let mut k2 = t.0.clone();
                k2.sort_unstable();
                k2 == key
            }) {
                teams.push((members, mean * coverage, coverage));
            }
        }
        teams.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        teams.truncate(q.teams.max(1));
        Ok(teams
            .into_iter()
            .map(|(members, score, coverage)| {
                let mut institutions: Vec<String> = members
                    .iter()
                    .flat_map(|&m| inst[m].iter().cloned())
                    .collect();
                institutions.sort();
                institutions.dedup();
                let mut disciplines: Vec<String> = members
                    .iter()
                    .flat_map(|&m| self.cand(scored[m].cand).disciplines.iter().cloned())
                    .collect();
                disciplines.sort();
                disciplines.dedup();
                Team {
                    members: members
                        .iter()
                        .map(|&m| self.cand(scored[m].cand).key.clone())
                        .collect(),
                    score: score.clamp(0.0, 1.0),
                    coverage,
                    institutions,
                    disciplines,
                }
            })
            .collect())
    }
}
