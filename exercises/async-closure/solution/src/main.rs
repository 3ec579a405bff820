// A tiny web framework: `serve` calls the handler once per request and
// lends it the server's state for as long as the request takes, as a
// handler that borrows would want.
use std::time::Duration;

#[derive(Clone, Default)]
struct State {
    visits: u32,
}

/// A handler in the style the framework wants to support: an async fn
/// that borrows the state mutably while it runs.
async fn count_visit(state: &mut State) -> String {
    tokio::time::sleep(Duration::from_millis(2)).await;
    state.visits += 1;
    format!("visit {}", state.visits)
}

/// Serves three requests.
// With FnMut(&mut State) -> Fut, Fut is one type for every call, so it
// cannot hold a borrow that differs from call to call: that was the
// lifetime error. AsyncFnMut (Rust 1.85) says what is meant: a call
// returns a future that may keep the borrow it was given until it ends.
async fn serve(state: &mut State, mut handler: impl AsyncFnMut(&mut State) -> String) -> Vec<String> {
    let mut pages = Vec::new();
    for _ in 0..3 {
        pages.push(handler(state).await);
    }
    pages
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut state = State::default();
    // an async closure (an async fn such as count_visit works too)
    let pages = serve(&mut state, async |s| count_visit(s).await).await;
    println!("{}", pages.join(", "));
}
