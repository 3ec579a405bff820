// cmp-hub: a handler that keeps a std MutexGuard on the routing table
// across the downstream call, spawned with tokio::spawn.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

struct Routes(HashMap<String, String>);

async fn forward(_upstream: &str, _req: &str) {
    tokio::time::sleep(Duration::from_millis(1)).await;
}

async fn handle(req: String, routes: Arc<Mutex<Routes>>) {
    let table = routes.lock().unwrap();
    let upstream = table.0.get(&req).cloned().unwrap_or_default();
    forward(&upstream, &req).await;
}

#[tokio::main]
async fn main() {
    let routes = Arc::new(Mutex::new(Routes(HashMap::new())));
    let req = String::from("/users");
    tokio::spawn(handle(req, routes.clone())).await.unwrap();
}
