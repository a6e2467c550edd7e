//! Detection of closed groups: companies from which no outside shareholder
//! can be reached by following holdings upwards.

/// Returns, sorted, the companies from which no company with outside
/// shareholders (`leaks[k]`) can be reached by following holder links
/// (`issuer → holder`). `I − W` is invertible exactly when this is empty
/// (for a `W` with nonnegative entries and column sums at most 1).
///
/// `edges` lists `(holder, issuer)` pairs with a positive stake; indices must
/// already be checked to be below `leaks.len()`.
pub(super) fn closed_group(leaks: &[bool], edges: impl Iterator<Item = (usize, usize)>) -> Vec<usize> {
    let n = leaks.len();
    // For each holder, the issuers it holds (reverse of issuer → holder).
    let mut held_by: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (holder, issuer) in edges {
        held_by[holder].push(issuer);
    }
    let mut reaches = leaks.to_vec();
    let mut stack: Vec<usize> = (0..n).filter(|&k| leaks[k]).collect();
    while let Some(h) = stack.pop() {
        for &j in &held_by[h] {
            if !reaches[j] {
                reaches[j] = true;
                stack.push(j);
            }
        }
    }
    (0..n).filter(|&k| !reaches[k]).collect()
}
