// cmp-afit-send: a generic server spawns handlers that await a Store's
// native async fn; nothing says that future is Send.
use std::io::Result;
use std::sync::Arc;

pub struct Record(pub String);

pub trait Store: Send + Sync + 'static {
    async fn get(&self, key: &str) -> Result<Record>;
}

async fn handle<S: Store>(store: Arc<S>, key: String) -> Result<()> {
    let record = store.get(&key).await?;
    println!("{}", record.0);
    Ok(())
}

pub fn serve<S: Store>(store: Arc<S>, keys: Vec<String>) {
    for key in keys {
        tokio::spawn(handle(store.clone(), key));
    }
}

fn main() {}
