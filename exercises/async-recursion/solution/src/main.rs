// Sums the sizes in a tree of folders. Reading a folder would be I/O, so
// the walk is async.
use futures::future::{BoxFuture, FutureExt};

struct Folder {
    name: &'static str,
    bytes: u64,
    children: Vec<Folder>,
}

// An `async fn` compiles to a state machine that holds the futures it
// awaits. If it awaits itself, that type would contain itself: its size
// has no bound. Boxing the recursive future puts a pointer in its place.
// A plain `fn` returning a `BoxFuture` works on every Rust version; newer
// compilers also accept `Box::pin(total_size(child)).await` inside an
// `async fn`.
fn total_size(folder: &Folder) -> BoxFuture<'_, u64> {
    async move {
        let mut sum = folder.bytes;
        for child in &folder.children {
            sum += total_size(child).await;
        }
        sum
    }
    .boxed()
}

fn sample() -> Folder {
    let leaf = |name, bytes| Folder { name, bytes, children: Vec::new() };
    Folder {
        name: "home",
        bytes: 10,
        children: vec![
            Folder { name: "src", bytes: 200, children: vec![leaf("lib", 30)] },
            leaf("notes", 5),
        ],
    }
}

#[tokio::main(flavor = "current_thread")]
async fn main() {
    let root = sample();
    println!("{} holds {} bytes", root.name, total_size(&root).await);
}
