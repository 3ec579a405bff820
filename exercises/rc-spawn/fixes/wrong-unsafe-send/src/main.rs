// A single-threaded service counts requests per route in a plain Rc and
// RefCell: no other thread ever touches it.
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

struct AssertSend<T>(T);
unsafe impl<T> Send for AssertSend<T> {}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let hits: Rc<RefCell<BTreeMap<&str, u32>>> = Rc::default();
    let mut tasks = Vec::new();
    for route in ["/", "/about", "/"] {
        let hits = AssertSend(hits.clone());
        tasks.push(tokio::spawn(async move {
            let hits = hits;
            *hits.0.borrow_mut().entry(route).or_insert(0) += 1;
        }));
    }
    for t in tasks {
        t.await.unwrap();
    }
    for (route, n) in hits.borrow().iter() {
        println!("{route}: {n}");
    }
}
