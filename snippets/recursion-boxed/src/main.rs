// cmp-recursion: the importer with its recursive call boxed at the call site.
use std::path::PathBuf;

async fn import_dir(dir: PathBuf) -> std::io::Result<u32> {
    let mut count = 0;
    for sub in std::fs::read_dir(&dir)? {
        let path = sub?.path();
        if path.is_dir() {
            count += Box::pin(import_dir(path)).await?;
        } else {
            count += 1;
        }
    }
    Ok(count)
}

#[tokio::main]
async fn main() {
    println!("{:?}", import_dir(PathBuf::from(".")).await);
}
