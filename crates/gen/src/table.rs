//! The table macros every vector group writes its cases with: one row a
//! line (rustfmt leaves a macro's braces as written), each row rendered
//! by the same call.

/// A table of cases added to a [`crate::FileOut`] in order, one row each,
/// in the columns of [`crate::FileOut::case`]:
/// `id, description, token, key, validation, want, flags;`.
macro_rules! cases {
    ($f:expr; $($id:expr, $description:expr, $token:expr, $key:expr, $v:expr, $want:expr, $flags:expr;)*) => {
        $($f.case($id, $description, $token, $key, $v, $want, $flags);)*
    };
}

/// An array written as a table, one row (usually a tuple) a line.
macro_rules! rows {
    ($($row:expr),* $(,)?) => {
        [$($row),*]
    };
}

/// A `Vec` written as a table, one row a line (each row coerced to the
/// declared element type, as in `vec![]`).
macro_rules! vec_rows {
    ($($row:expr),* $(,)?) => {
        vec![$($row),*]
    };
}

/// Calls a function (or a method of a local) once per row, with the row's
/// arguments: a table of calls, one a line.
macro_rules! calls {
    ($recv:ident . $m:ident; $($($arg:expr),+;)*) => {
        $($recv.$m($($arg),+);)*
    };
    ($f:ident; $($($arg:expr),+;)*) => {
        $($f($($arg),+);)*
    };
}
