// cmp-send-local: spawn_local on an ordinary runtime, outside any LocalSet.
use std::rc::Rc;

async fn handle(req: Rc<String>) {
    println!("{req}");
}

#[tokio::main]
async fn main() {
    let req = Rc::new(String::from("/users"));
    tokio::task::spawn_local(handle(req)).await.unwrap();
}
