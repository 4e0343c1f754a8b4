//! Test doubles, so the property helpers, describe code and entry points can
//! be exercised without a real host.

mod host;
mod props;

pub use host::{fake_host, FakeEffect};
pub use props::FakeProps;
