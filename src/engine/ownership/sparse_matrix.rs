//! [`SparseMatrix`]: the square sparse matrix, stored by columns, of the sparse ownership path,
//! and [`SparseColumnIter`] over one of its columns.

/// A square sparse matrix stored by columns, rows sorted within a column.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SparseMatrix {
    pub(super) col_ptr: Vec<usize>,
    pub(super) rows: Vec<u32>,
    pub(super) vals: Vec<f64>,
}

impl SparseMatrix {
    /// Number of rows (= columns).
    pub fn n(&self) -> usize {
        self.col_ptr.len().saturating_sub(1)
    }

    /// Number of stored entries.
    pub fn nnz(&self) -> usize {
        self.vals.len()
    }

    /// The stored `(row, value)` entries of column `j`, by increasing row
    /// (empty if `j ≥ n`).
    pub fn column(&self, j: usize) -> SparseColumnIter<'_> {
        let (a, b) = self.range(j);
        SparseColumnIter { rows: self.rows[a..b].iter(), vals: self.vals[a..b].iter() }
    }

    /// Entry `(i, j)`; `0.0` if not stored or out of range.
    pub fn get(&self, i: usize, j: usize) -> f64 {
        let (a, b) = self.range(j);
        let Ok(i) = u32::try_from(i) else { return 0.0 };
        match self.rows[a..b].binary_search(&i) {
            Ok(k) => self.vals[a + k],
            Err(_) => 0.0,
        }
    }

    /// Sum of the stored entries of column `j`.
    pub fn column_sum(&self, j: usize) -> f64 {
        let (a, b) = self.range(j);
        self.vals[a..b].iter().sum()
    }

    /// Dense copy, indexed `[row][column]` (for small matrices and tests).
    pub fn to_dense(&self) -> Vec<Vec<f64>> {
        let n = self.n();
        let mut d = vec![vec![0.0; n]; n];
        for (j, _) in self.col_ptr.iter().enumerate().take(n) {
            for (i, v) in self.column(j) {
                d[i][j] = v;
            }
        }
        d
    }

    pub(super) fn range(&self, j: usize) -> (usize, usize) {
        match (self.col_ptr.get(j), self.col_ptr.get(j + 1)) {
            (Some(&a), Some(&b)) => (a, b),
            _ => (0, 0),
        }
    }

    pub(super) fn with_columns(n: usize) -> Self {
        let mut col_ptr = Vec::with_capacity(n + 1);
        col_ptr.push(0);
        Self { col_ptr, rows: Vec::with_capacity(n), vals: Vec::with_capacity(n) }
    }

    pub(super) fn push(&mut self, row: u32, val: f64) {
        self.rows.push(row);
        self.vals.push(val);
    }

    pub(super) fn close_column(&mut self) {
        self.col_ptr.push(self.vals.len());
    }

    pub(super) fn append(&mut self, other: SparseMatrix) {
        let base = self.vals.len();
        self.col_ptr.extend(other.col_ptr.iter().skip(1).map(|p| p + base));
        self.rows.extend(other.rows);
        self.vals.extend(other.vals);
    }
}

/// Iterator over the `(row, value)` entries of one column of a
/// [`SparseMatrix`].
#[derive(Debug, Clone)]
pub struct SparseColumnIter<'a> {
    rows: std::slice::Iter<'a, u32>,
    vals: std::slice::Iter<'a, f64>,
}

impl Iterator for SparseColumnIter<'_> {
    type Item = (usize, f64);

    fn next(&mut self) -> Option<(usize, f64)> {
        Some((*self.rows.next()? as usize, *self.vals.next()?))
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        self.rows.size_hint()
    }
}
