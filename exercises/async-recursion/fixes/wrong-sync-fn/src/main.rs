// Sums the sizes in a tree of folders. Reading a folder would be I/O, so
// the walk is async.
struct Folder {
    name: &'static str,
    bytes: u64,
    children: Vec<Folder>,
}

fn total_size(folder: &Folder) -> u64 {
    let mut sum = folder.bytes;
    for child in &folder.children {
        sum += total_size(child);
    }
    sum
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
    println!("{} holds {} bytes", root.name, total_size(&root));
}
