//! Dense rectangular linear assignment (rows ≤ columns) by shortest augmenting paths with dual
//! potentials, the algorithm of Crouse (2016), itself a variant of Jonker & Volgenant (1987).
//!
//! Reference: D. F. Crouse, "On implementing 2D rectangular assignment algorithms", IEEE
//! Transactions on Aerospace and Electronic Systems 52(4), 2016 (the algorithm behind SciPy's
//! `linear_sum_assignment`).

/// Forbidden entry.
pub(crate) const FORBIDDEN: i64 = i64::MAX;

/// Outcome of [`solve`]: the column of each row, or infeasible.
pub(crate) enum LapOutcome {
    Solved(Vec<u32>),
    Infeasible,
}

/// Jonker–Volgenant column reduction for square problems: `v[j]` = column minimum, and each
/// column's minimum row takes it when that row is still free (ties by lower row, then lower
/// column). Keeps every reduced cost ≥ 0 and assigned pairs tight, so the shortest augmenting
/// path phase only runs from the remaining free rows. (With more columns than rows the free
/// columns must keep `v = 0`, so this step is skipped there.)
fn column_reduction(
    cost: &[i64],
    rows: usize,
    cols: usize,
    v: &mut [i64],
    col4row: &mut [usize],
    row4col: &mut [usize],
) {
    let mut argmin = vec![usize::MAX; cols];
    v.fill(FORBIDDEN);
    for i in 0..rows {
        let row = &cost[i * cols..(i + 1) * cols];
        for (j, &c) in row.iter().enumerate() {
            if c < v[j] {
                v[j] = c;
                argmin[j] = i;
            }
        }
    }
    for j in 0..cols {
        let i = argmin[j];
        if i == usize::MAX {
            v[j] = 0;
            continue;
        }
        if col4row[i] == usize::MAX {
            col4row[i] = j;
            row4col[j] = i;
        }
    }
}

/// Minimises Σ cost[r][col(r)] over injective row → column maps. `cost` is row-major
/// `rows × cols` with `rows ≤ cols`, entries ≥ 0 or [`FORBIDDEN`].
///
/// Time O(rows² · cols) worst case, usually far less; space O(rows + cols) besides the matrix.
pub(crate) fn solve<E>(
    cost: &[i64],
    rows: usize,
    cols: usize,
    hook: &mut dyn FnMut(u64, u64) -> Result<(), E>,
) -> Result<LapOutcome, E> {
    let mut u = vec![0i64; rows];
    let mut v = vec![0i64; cols];
    let mut spc = vec![i64::MAX; cols];
    let mut path = vec![usize::MAX; cols];
    let mut col4row = vec![usize::MAX; rows];
    let mut row4col = vec![usize::MAX; cols];
    let mut sr = vec![false; rows];
    let mut sc = vec![false; cols];
    let mut remaining: Vec<usize> = Vec::with_capacity(cols);
    let mut sr_list: Vec<usize> = Vec::with_capacity(rows);
    let mut sc_list: Vec<usize> = Vec::with_capacity(cols);
    if rows == cols {
        column_reduction(cost, rows, cols, &mut v, &mut col4row, &mut row4col);
    }
    for cur in 0..rows {
        if cur % 64 == 0 {
            hook(cur as u64, rows as u64)?;
        }
        if col4row[cur] != usize::MAX {
            continue;
        }
        // augmenting path from row `cur`
        let mut min_val = 0i64;
        remaining.clear();
        remaining.extend((0..cols).rev());
        for &i in &sr_list {
            sr[i] = false;
        }
        for &j in &sc_list {
            sc[j] = false;
        }
        sr_list.clear();
        sc_list.clear();
        spc.fill(i64::MAX);
        let mut i = cur;
        let sink;
        loop {
            let mut index = usize::MAX;
            let mut lowest = i64::MAX;
            sr[i] = true;
            sr_list.push(i);
            let row = &cost[i * cols..(i + 1) * cols];
            let h = min_val - u[i];
            for (it, &j) in remaining.iter().enumerate() {
                let c = row[j];
                if c != FORBIDDEN {
                    let r = h + c - v[j];
                    if r < spc[j] {
                        path[j] = i;
                        spc[j] = r;
                    }
                }
                let s = spc[j];
                if s < lowest || (s == lowest && s != i64::MAX && row4col[j] == usize::MAX) {
                    lowest = s;
                    index = it;
                }
            }
            if lowest == i64::MAX || index == usize::MAX {
                return Ok(LapOutcome::Infeasible);
            }
            min_val = lowest;
            let j = remaining[index];
            sc[j] = true;
            sc_list.push(j);
            remaining.swap_remove(index);
            if row4col[j] == usize::MAX {
                sink = j;
                break;
            }
            i = row4col[j];
        }
        // dual update
        u[cur] += min_val;
        for &i in &sr_list {
            if i != cur {
                u[i] += min_val - spc[col4row[i]];
            }
        }
        for &j in &sc_list {
            v[j] -= min_val - spc[j];
        }
        // augment
        let mut j = sink;
        loop {
            let i = path[j];
            row4col[j] = i;
            std::mem::swap(&mut col4row[i], &mut j);
            if i == cur {
                break;
            }
        }
    }
    hook(rows as u64, rows as u64)?;
    Ok(LapOutcome::Solved(
        col4row.into_iter().map(|c| c as u32).collect(),
    ))
}
