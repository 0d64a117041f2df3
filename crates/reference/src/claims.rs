//! The `aud` claim as the claim checks (lib.rs, steps 9–13) and the
//! profiles' rules (profile.rs) both read it; its own module so that
//! neither depends on the other for it.

use crate::json::Value;

/// The `aud` claim's values, borrowed: one string or an array of strings
/// (checked at step 9).
#[derive(Clone, Copy)]
pub(crate) enum Audience<'c, 'a> {
    /// No `aud` claim.
    Absent,
    /// A single string.
    One(&'c str),
    /// An array of strings.
    Many(&'c [Value<'a>]),
}

impl<'c> Audience<'c, '_> {
    pub(crate) fn any(self, mut pred: impl FnMut(&str) -> bool) -> bool {
        match self {
            Audience::Absent => false,
            Audience::One(s) => pred(s),
            Audience::Many(items) => items.iter().filter_map(Value::as_str).any(pred),
        }
    }
}
