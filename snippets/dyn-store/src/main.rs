// cmp-dyn-store: a trait with native async fn, used as a trait object.
use std::io::Result;

pub struct Record(pub String);

pub trait Store {
    async fn get(&self, key: &str) -> Result<Record>;
}

pub struct Server {
    pub store: Box<dyn Store>,
}

fn main() {}
