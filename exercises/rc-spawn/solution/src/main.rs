// A single-threaded service counts requests per route in a plain Rc and
// RefCell: no other thread ever touches it.
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    // `tokio::spawn` demands `Send` even on a current-thread runtime: its
    // signature cannot know which runtime will run the task. For tasks that
    // must stay on this thread, tokio offers a `LocalSet` and
    // `spawn_local`, which drop the `Send` requirement.
    let local = tokio::task::LocalSet::new();
    let hits: Rc<RefCell<BTreeMap<&str, u32>>> = Rc::default();
    local
        .run_until(async {
            let mut tasks = Vec::new();
            for route in ["/", "/about", "/"] {
                let hits = hits.clone();
                tasks.push(tokio::task::spawn_local(async move {
                    *hits.borrow_mut().entry(route).or_insert(0) += 1;
                }));
            }
            for t in tasks {
                t.await.unwrap();
            }
        })
        .await;
    for (route, n) in hits.borrow().iter() {
        println!("{route}: {n}");
    }
}
