//! Cross-shareholdings between allied companies: integrated ownership and
//! ultimate claims.
//!
//! Companies are numbered `0..n`. The direct-holding matrix `W` has
//! `W[i][j]` = the fraction of company `j`'s shares (economic rights) held by
//! company `i`; its diagonal is zero and each column sums to at most 1. The
//! part of `j` held by outsiders (investors, free float) is
//! `u[j] = 1 − Σᵢ W[i][j]`.
//!
//! * Integrated ownership over all paths: `Y = W (I − W)⁻¹`
//!   (equivalently `(I − W)⁻¹ − I`, the sum `W + W² + W³ + …`). `Y[i][j]` is
//!   company `i`'s direct plus indirect stake in company `j`; its diagonal is
//!   a company's indirect stake in itself through the cycles it sits on.
//! * Ultimate claims: `U = diag(u) (I − W)⁻¹`. `U[i][j]` is the part of `j`'s
//!   economic rights that ends up with the outside shareholders of `i`. Every
//!   column of `U` sums to 1 whenever `I − W` is invertible.
//!
//! `I − W` is singular exactly when some group of companies is wholly owned by
//! its own members (a cycle of 100% holdings with no outside shareholder
//! reachable); both paths detect this and return
//! [`OwnershipError::ClosedGroup`] instead of failing.
//!
//! Two computation paths:
//! * [`exact_ownership`] / [`exact_ownership_from_shares`]: exact rational
//!   arithmetic (`BigRational`), dense output, by fraction-free Gauss–Jordan
//!   elimination. Meant for small networks (tens of companies).
//! * [`sparse_ownership`]: `f64`, sparse input and output, one local
//!   push solve per issuer with pruning (dense `f64` Gauss–Jordan below
//!   [`SparseOptions::dense_max_n`] companies); see [`sparse_ownership`] and
//!   [`SparseOptions`] for the tolerances and the accuracy guarantee. Meant for
//!   networks of thousands of companies whose integrated ownership stays
//!   sparse.
//!
//! [`CompanyLabels`] looks results up by company name.

mod error;
mod exact;
mod graph;
mod labels;
mod sparse;
mod sparse_matrix;

pub use self::error::OwnershipError;
pub use self::exact::{ExactOwnership, exact_ownership, exact_ownership_from_shares};
pub use self::labels::{Claim, CompanyLabels};
pub use self::sparse::{SparseOptions, SparseOwnership, sparse_ownership};
pub use self::sparse_matrix::{SparseColumnIter, SparseMatrix};
