// cmp-afit-send on smol: the generic server spawns handlers with smol::spawn
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
        smol::spawn(handle(store.clone(), key)).detach();
    }
}

fn main() {}
