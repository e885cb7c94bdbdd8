//! Stable `u32` identifiers.

use std::fmt;

use serde::{Deserialize, Serialize};

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
        #[serde(transparent)]
        pub struct $name(u32);

        impl $name {
            /// The id with this index.
            pub const fn new(index: u32) -> Self {
                Self(index)
            }

            /// The index as `u32` (exact in JavaScript).
            pub const fn get(self) -> u32 {
                self.0
            }

            /// The index as `usize`, for indexing slices.
            pub const fn index(self) -> usize {
                self.0 as usize
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}", self.0)
            }
        }

        impl From<$name> for u32 {
            fn from(id: $name) -> u32 {
                id.0
            }
        }
    };
}

id_type!(
    /// Identifier of an entity (node) in a [`CollabGraph`](crate::graph::CollabGraph).
    ///
    /// Ids are handed out in increasing order and are never reused: after a removal the id of
    /// every other entity stays valid, and a stale id can never silently point at a newer entity.
    NodeId
);

id_type!(
    /// Identifier of a relation (edge) in a [`CollabGraph`](crate::graph::CollabGraph); never
    /// reused, like [`NodeId`].
    EdgeId
);
