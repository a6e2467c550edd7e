//! The error type of the ownership computations.

use thiserror::Error;

/// What went wrong while building or solving an ownership network, with a hint
/// on how to fix the input.
#[derive(Debug, Clone, PartialEq, Error)]
pub enum OwnershipError {
    /// A holder or issuer index is not below the number of companies.
    #[error("company index {index} is out of range for a network of {n} companies; use indices 0..{n}")]
    IndexOutOfRange {
        /// The offending index.
        index: usize,
        /// The number of companies in the network.
        n: usize,
    },
    /// A company is listed as holding its own shares.
    #[error(
        "company {company} is listed as holding its own shares; treasury shares carry no economic rights in \
        this model, so remove the entry (and, for share counts, subtract them from the issued shares)"
    )]
    SelfHolding {
        /// The company holding itself.
        company: usize,
    },
    /// A stake is negative, NaN or infinite.
    #[error(
        "the stake of company {holder} in company {issuer} is {value}; a stake must be a finite fraction \
        between 0 and 1"
    )]
    InvalidStake {
        /// The holder.
        holder: usize,
        /// The issuer.
        issuer: usize,
        /// The stake as given.
        value: String,
    },
    /// The holdings of one company's shares add up to more than all of them.
    #[error(
        "the holdings of company {issuer}'s shares sum to {sum}, above 1; reduce the stakes in company {issuer} \
        so that they sum to at most 1"
    )]
    OverHeld {
        /// The issuer whose column of `W` sums above 1.
        issuer: usize,
        /// The column sum.
        sum: String,
    },
    /// Share counts: more shares held in a company than it has issued.
    #[error(
        "{held} shares of company {issuer} are held by other companies, more than its {issued} issued shares; \
        lower the holdings or raise the issued count"
    )]
    SharesOverIssued {
        /// The issuer.
        issuer: usize,
        /// Total shares of the issuer held by companies of the network.
        held: u128,
        /// Shares issued by the issuer.
        issued: u64,
    },
    /// Share counts: a company has no issued shares.
    #[error("company {issuer} has 0 issued shares; give every company a positive share count")]
    ZeroIssuedShares {
        /// The issuer.
        issuer: usize,
    },
    /// Some companies are wholly owned by one another, so `I − W` is singular.
    #[error(
        "companies {companies:?} are wholly owned within the network (their holdings form 100% cycles with no \
        outside shareholder), so I − W is singular; lower one of their stakes below 100% or give one of them \
        outside shareholders"
    )]
    ClosedGroup {
        /// The companies from which no outside shareholder can be reached.
        companies: Vec<usize>,
    },
    /// Elimination met a zero pivot although no closed group was found.
    #[error(
        "I − W is singular (elimination found no pivot for company {company}); check the network for cycles of \
        holdings that sum to 100%"
    )]
    Singular {
        /// The column without a pivot.
        company: usize,
    },
    /// The sparse solve did not reach its residual tolerance in time.
    #[error(
        "the sparse solve for issuer {issuer} did not converge within {max_pushes} pushes (residual mass \
        {residual:e}); the network is nearly singular (cycles held almost 100%): use the exact path, raise \
        max_pushes_per_column or loosen residual_tolerance"
    )]
    NotConverged {
        /// The issuer (column) being solved.
        issuer: usize,
        /// The push budget that was exhausted.
        max_pushes: usize,
        /// The residual mass left.
        residual: f64,
    },
    /// A tolerance or limit in [`super::SparseOptions`] is unusable.
    #[error("invalid sparse option: {what}; use the documented defaults if unsure")]
    InvalidOptions {
        /// Which option and why.
        what: String,
    },
    /// The network is too large for the sparse path's 32-bit row indices.
    #[error("{n} companies exceed the sparse path's limit of {max}; split the network")]
    TooLarge {
        /// The number of companies requested.
        n: usize,
        /// The largest supported number.
        max: usize,
    },
    /// A label was not found.
    #[error("no company is labelled {label:?}; check the spelling against the label list")]
    UnknownLabel {
        /// The label looked up.
        label: String,
    },
    /// The same label was given to two companies.
    #[error("the label {label:?} is given to companies {first} and {second}; labels must be unique")]
    DuplicateLabel {
        /// The repeated label.
        label: String,
        /// The first company with it.
        first: usize,
        /// The second company with it.
        second: usize,
    },
    /// The label list does not match the network size.
    #[error("{labels} labels were given for a network of {n} companies; give exactly one label per company")]
    LabelCountMismatch {
        /// Number of labels.
        labels: usize,
        /// Number of companies.
        n: usize,
    },
}
