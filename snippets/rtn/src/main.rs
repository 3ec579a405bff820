// cmp-afit-send: the language's own answer to the missing Send bound,
// return type notation (a bound on what `get` returns, at the use site),
// is still unstable.
use std::io::Result;

pub struct Record(pub String);

pub trait Store {
    async fn get(&self, key: &str) -> Result<Record>;
}

pub fn spawnable<S: Store<get(..): Send>>(_store: S) {}

fn main() {}
