// cmp-async-fn: a storage trait with async methods, so tests can fake the storage.
pub struct Record(pub String);

pub trait Store {
    async fn get(&self, key: &str) -> std::io::Result<Record>;
}

fn main() {}
