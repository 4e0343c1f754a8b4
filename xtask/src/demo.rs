//! TODO
pub fn run(_args: &[String]) -> crate::Result<()> {
    Err("not yet".into())
}
