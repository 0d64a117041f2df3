//! Closed vocabularies: the enums whose values have names in vector files
//! and reports (error kinds, payload kinds, and in `jwtproof-vectors` impacts
//! and outcomes), each declared once with its names by [`vocabulary!`].

/// A closed list of named values.
pub trait Vocabulary: Copy + Sized + 'static {
    /// What the names are, for error messages (`unknown {WHAT} "x"`).
    const WHAT: &'static str;
    /// Every value, in the declared order.
    fn all() -> &'static [Self];
    /// The value's name.
    fn name(self) -> &'static str;
    /// The value with this name (case-sensitive).
    fn from_name(name: &str) -> Option<Self> {
        Self::all().iter().copied().find(|v| v.name() == name)
    }
}

/// Declares an enum whose variants have names: the enum, `ALL` (in the
/// declared order), `as_str`, `from_name`, `Display` and [`Vocabulary`],
/// from one list of `Variant = "name"` lines.
#[macro_export]
macro_rules! vocabulary {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident ($what:literal) {
            $($(#[$vmeta:meta])* $variant:ident = $text:literal,)*
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $($(#[$vmeta])* $variant,)*
        }

        impl $name {
            /// Every value, in the declared order.
            pub const ALL: [$name; [$($text),*].len()] = [$($name::$variant),*];

            /// The name used in vector files and reports.
            pub const fn as_str(self) -> &'static str {
                match self {
                    $($name::$variant => $text,)*
                }
            }

            /// The value with this name (case-sensitive).
            pub fn from_name(name: &str) -> Option<Self> {
                <Self as $crate::Vocabulary>::from_name(name)
            }
        }

        impl ::core::fmt::Display for $name {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl $crate::Vocabulary for $name {
            const WHAT: &'static str = $what;
            fn all() -> &'static [Self] {
                &$name::ALL
            }
            fn name(self) -> &'static str {
                self.as_str()
            }
        }
    };
}
