// A tiny web framework: `serve` calls the handler once per request and
// lends it the server's state for as long as the request takes, as a
// handler that borrows would want.
use std::future::Future;
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

/// Serves three requests. Edit this signature, and the call in main if
/// you need to.
async fn serve<F, Fut>(state: &mut State, mut handler: F) -> Vec<String>
where
    F: FnMut(&mut State) -> Fut,
    Fut: Future<Output = String>,
{
    let mut pages = Vec::new();
    for _ in 0..3 {
        pages.push(handler(state).await);
    }
    pages
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let mut state = State::default();
    let pages = serve(&mut state, |s| {
        let mut copy = s.clone();
        async move { count_visit(&mut copy).await }
    })
    .await;
    println!("{}", pages.join(", "));
}
