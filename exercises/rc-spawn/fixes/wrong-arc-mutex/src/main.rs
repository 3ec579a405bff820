// A single-threaded service counts requests per route in a plain Rc and
// RefCell: no other thread ever touches it.
use std::collections::BTreeMap;
use std::sync::{Arc, Mutex};

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let hits: Arc<Mutex<BTreeMap<&str, u32>>> = Arc::default();
    let mut tasks = Vec::new();
    for route in ["/", "/about", "/"] {
        let hits = hits.clone();
        tasks.push(tokio::spawn(async move {
            *hits.lock().unwrap().entry(route).or_insert(0) += 1;
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    for (route, n) in hits.lock().unwrap().iter() {
        println!("{route}: {n}");
    }
}
