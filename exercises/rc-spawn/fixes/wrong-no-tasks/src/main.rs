// A single-threaded service counts requests per route in a plain Rc and
// RefCell: no other thread ever touches it.
use std::cell::RefCell;
use std::collections::BTreeMap;
use std::rc::Rc;

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let hits: Rc<RefCell<BTreeMap<&str, u32>>> = Rc::default();
    for route in ["/", "/about", "/"] {
        *hits.borrow_mut().entry(route).or_insert(0) += 1;
    }
    for (route, n) in hits.borrow().iter() {
        println!("{route}: {n}");
    }
}
