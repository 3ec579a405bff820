// cmp-hub on smol: a handler that keeps a std MutexGuard on the routing
// table across the downstream call, spawned with smol::spawn.
use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

struct Routes(HashMap<String, String>);

async fn forward(_upstream: &str, _req: &str) {
    smol::Timer::after(Duration::from_millis(1)).await;
}

async fn handle(req: String, routes: Arc<Mutex<Routes>>) {
    let table = routes.lock().unwrap();
    let upstream = table.0.get(&req).cloned().unwrap_or_default();
    forward(&upstream, &req).await;
}

fn main() {
    let routes = Arc::new(Mutex::new(Routes(HashMap::new())));
    let req = String::from("/users");
    smol::block_on(smol::spawn(handle(req, routes.clone())));
}
