//! Swing probabilities `p_i(t)` of every player of a finite game by forward convolutions only:
//! prefix tables at block checkpoints and reversed cumulative suffix tables (the method is
//! described in `fast.rs`, which uses it for Banzhaf at `t = 1/2` and Shapley–Shubik by
//! quadrature).

/// Values below this are set to zero during table updates.
const FLUSH: f64 = 1e-24;

/// Players per block between prefix checkpoints: about `√n`.
pub(super) fn block_size(n: usize) -> usize {
    let mut b = 1;
    while b * b < n {
        b += 1;
    }
    b
}

/// A table truncated to `q` entries whose entries outside `lo..hi` are zero
/// (entries there may hold stale values and are never read).
struct Table {
    v: Vec<f64>,
    lo: usize,
    hi: usize,
}

impl Table {
    fn new(q: usize) -> Self {
        Table { v: vec![0.0; q], lo: 0, hi: 0 }
    }

    fn copy_from(&mut self, other: &Table) {
        self.lo = other.lo;
        self.hi = other.hi;
        self.v[other.lo..other.hi].copy_from_slice(&other.v[other.lo..other.hi]);
    }

    /// Shrinks `lo..hi` past exact zeros at both ends.
    fn trim(&mut self) {
        while self.lo < self.hi && self.v[self.lo] == 0.0 {
            self.lo += 1;
        }
        while self.hi > self.lo && self.v[self.hi - 1] == 0.0 {
            self.hi -= 1;
        }
    }
}

#[inline]
fn flush(v: f64) -> f64 {
    if v < FLUSH { 0.0 } else { v }
}

/// `out ← (a + b·x^w)·inp`, truncated to `q` entries (forward convolution).
fn apply_forward(inp: &Table, out: &mut Table, w: usize, a: f64, b: f64) {
    let q = inp.v.len();
    let (lo, hi) = (inp.lo, inp.hi);
    if lo >= hi {
        out.lo = 0;
        out.hi = 0;
        return;
    }
    let new_hi = q.min(hi.saturating_add(w));
    let shifted_lo = lo.saturating_add(w).min(new_hi);
    // Only the unshifted term: k in lo..min(hi, lo + w).
    let e1 = hi.min(shifted_lo);
    for (o, &x) in out.v[lo..e1].iter_mut().zip(&inp.v[lo..e1]) {
        *o = flush(a * x);
    }
    // Gap of zeros between hi and lo + w (when w > hi − lo).
    for o in &mut out.v[e1..shifted_lo] {
        *o = 0.0;
    }
    // Both terms: k in lo + w..hi.
    if shifted_lo < hi {
        let len = hi - shifted_lo;
        for (o, (&x, &y)) in
            out.v[shifted_lo..hi].iter_mut().zip(inp.v[shifted_lo..hi].iter().zip(&inp.v[lo..lo + len]))
        {
            *o = flush(a * x + b * y);
        }
    }
    // Only the shifted term: k in max(hi, lo + w)..new_hi.
    let s3 = hi.max(shifted_lo);
    if s3 < new_hi {
        let off = s3 - w;
        let len = new_hi - s3;
        for (o, &y) in out.v[s3..new_hi].iter_mut().zip(&inp.v[off..off + len]) {
            *o = flush(b * y);
        }
    }
    out.lo = lo;
    out.hi = new_hi;
    out.trim();
}

/// The same update on a reversed cumulative table `r[j] = C[q−1−j]`:
/// `C'[k] = a·C[k] + b·C[k−w]` becomes `r'[j] = a·r[j] + b·r[j+w]`
/// (with `r[≥ hi] = 0`). Its support always starts at 0.
fn apply_reversed(inp: &Table, out: &mut Table, w: usize, a: f64, b: f64) {
    let hi = inp.hi;
    let split = hi.saturating_sub(w);
    for (o, (&x, &y)) in out.v[..split].iter_mut().zip(inp.v[..split].iter().zip(&inp.v[w.min(hi)..hi])) {
        *o = flush(a * x + b * y);
    }
    for (o, &x) in out.v[split..hi].iter_mut().zip(&inp.v[split..hi]) {
        *o = flush(a * x);
    }
    out.lo = 0;
    out.hi = hi;
    while out.hi > 0 && out.v[out.hi - 1] == 0.0 {
        out.hi -= 1;
    }
}

/// `Σ_{k < quota} p[k]·(r[k+off] − r[k+off+w])` with `r[≥ r.hi] = 0` and
/// `off = len − quota`: the probability that the prefix and suffix weights
/// add up to a value in `[quota − w, quota)`.
fn window_dot(p: &Table, r: &Table, w: usize, quota: usize) -> f64 {
    let len = p.v.len();
    let off = len - quota;
    let lo = p.lo;
    let hi = p.hi.min(quota).min(r.hi.saturating_sub(off));
    if lo >= hi {
        return 0.0;
    }
    // Below `split`, k + off + w < r.hi and the subtracted term is live.
    let split = r.hi.saturating_sub(off + w).clamp(lo, hi);
    let mut s0 = 0.0;
    let mut s1 = 0.0;
    let n0 = split - lo;
    if n0 > 0 {
        let a = lo + off;
        for (&x, (&y, &z)) in p.v[lo..split].iter().zip(r.v[a..a + n0].iter().zip(&r.v[a + w..a + w + n0])) {
            s0 += x * (y - z);
        }
    }
    let n1 = hi - split;
    if n1 > 0 {
        let a = split + off;
        for (&x, &y) in p.v[split..hi].iter().zip(&r.v[a..a + n1]) {
            s1 += x * y;
        }
    }
    s0 + s1
}

/// Swing probabilities `p_i(t)` of every player (weights sorted ascending,
/// all `≥ 1`) for each quota in `quotas` (each in `1..=q`), from tables
/// truncated to `q` entries: `out[j][i]` is for `quotas[j]`.
pub(super) fn swing_probabilities(w: &[usize], q: usize, quotas: &[usize], t: f64) -> Vec<Vec<f64>> {
    let n = w.len();
    let mut out = vec![vec![0.0; n]; quotas.len()];
    if n == 0 || q == 0 || quotas.iter().any(|&qq| qq == 0 || qq > q) {
        return out;
    }
    let w: Vec<usize> = w.iter().map(|&x| x.min(q)).collect();
    let (a, b) = (1.0 - t, t);
    let bsz = block_size(n);
    let nblocks = n.div_ceil(bsz);
    // Prefix checkpoints: cps[bi] = distribution of players < bi·bsz.
    let mut cps: Vec<Table> = Vec::with_capacity(nblocks);
    let mut cur = Table::new(q);
    cur.v[0] = 1.0;
    cur.hi = 1;
    let mut tmp = Table::new(q);
    for bi in 0..nblocks {
        let mut cp = Table::new(q);
        cp.copy_from(&cur);
        cps.push(cp);
        if bi + 1 < nblocks {
            for &wj in &w[bi * bsz..(bi + 1) * bsz] {
                apply_forward(&cur, &mut tmp, wj, a, b);
                std::mem::swap(&mut cur, &mut tmp);
            }
        }
    }
    drop(cur);
    // Suffix in reversed cumulative form: the empty suffix has C ≡ 1.
    let mut r = Table::new(q);
    r.v.fill(1.0);
    r.hi = q;
    let mut rtmp = tmp;
    let mut block: Vec<Table> = (0..bsz.min(n)).map(|_| Table::new(q)).collect();
    for bi in (0..nblocks).rev() {
        let start = bi * bsz;
        let end = (start + bsz).min(n);
        block[0].copy_from(&cps[bi]);
        for j in start..end - 1 {
            let (lo, hi) = block.split_at_mut(j - start + 1);
            apply_forward(&lo[j - start], &mut hi[0], w[j], a, b);
        }
        for i in (start..end).rev() {
            for (o, &qq) in out.iter_mut().zip(quotas) {
                o[i] =
                    if i + 1 < n && w[i] == w[i + 1] { o[i + 1] } else { window_dot(&block[i - start], &r, w[i], qq) };
            }
            apply_reversed(&r, &mut rtmp, w[i], a, b);
            std::mem::swap(&mut r, &mut rtmp);
        }
    }
    out
}
