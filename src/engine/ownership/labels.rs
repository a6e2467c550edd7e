//! Looking results up by company label.

use std::collections::HashMap;

use num_rational::BigRational;

use super::error::OwnershipError;
use super::exact::ExactOwnership;
use super::sparse::SparseOwnership;

/// The integrated stake of one holder in one issuer and the ultimate claim of
/// the holder's outside shareholders on the issuer.
#[derive(Debug, Clone, PartialEq)]
pub struct Claim<T> {
    /// `Y[holder][issuer]`: direct plus indirect stake over all paths.
    pub integrated: T,
    /// `U[holder][issuer]`: the part of the issuer that ends up with the
    /// holder's outside shareholders.
    pub ultimate: T,
}

/// Unique company labels, position = company index.
#[derive(Debug, Clone, PartialEq)]
pub struct CompanyLabels {
    labels: Vec<String>,
    index: HashMap<String, usize>,
}

impl CompanyLabels {
    /// Builds the label table; fails on a repeated label.
    pub fn new<I, S>(labels: I) -> Result<Self, OwnershipError>
    where
        I: IntoIterator<Item = S>,
        S: Into<String>,
    {
        let labels: Vec<String> = labels.into_iter().map(Into::into).collect();
        let mut index = HashMap::with_capacity(labels.len());
        for (k, label) in labels.iter().enumerate() {
            if let Some(first) = index.insert(label.clone(), k) {
                return Err(OwnershipError::DuplicateLabel { label: label.clone(), first, second: k });
            }
        }
        Ok(Self { labels, index })
    }

    /// Number of labels.
    pub fn len(&self) -> usize {
        self.labels.len()
    }

    /// Whether there are no labels.
    pub fn is_empty(&self) -> bool {
        self.labels.is_empty()
    }

    /// The index of `label`.
    pub fn index_of(&self, label: &str) -> Result<usize, OwnershipError> {
        self.index.get(label).copied().ok_or_else(|| OwnershipError::UnknownLabel { label: label.to_owned() })
    }

    /// The label of company `index`, if any.
    pub fn label(&self, index: usize) -> Option<&str> {
        self.labels.get(index).map(String::as_str)
    }

    /// Integrated stake and ultimate claim of `holder` in `issuer`, exactly.
    pub fn exact_claim(
        &self,
        result: &ExactOwnership,
        holder: &str,
        issuer: &str,
    ) -> Result<Claim<BigRational>, OwnershipError> {
        let (i, j) = self.pair(result.n(), holder, issuer)?;
        Ok(Claim { integrated: result.integrated()[i][j].clone(), ultimate: result.ultimate()[i][j].clone() })
    }

    /// Integrated stake and ultimate claim of `holder` in `issuer`, from the
    /// sparse `f64` result (pruned entries read as 0).
    pub fn sparse_claim(
        &self,
        result: &SparseOwnership,
        holder: &str,
        issuer: &str,
    ) -> Result<Claim<f64>, OwnershipError> {
        let (i, j) = self.pair(result.n(), holder, issuer)?;
        Ok(Claim { integrated: result.integrated().get(i, j), ultimate: result.ultimate().get(i, j) })
    }

    fn pair(&self, n: usize, holder: &str, issuer: &str) -> Result<(usize, usize), OwnershipError> {
        if self.labels.len() != n {
            return Err(OwnershipError::LabelCountMismatch { labels: self.labels.len(), n });
        }
        Ok((self.index_of(holder)?, self.index_of(issuer)?))
    }
}
