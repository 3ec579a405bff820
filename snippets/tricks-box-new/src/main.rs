// cmp-tricks: the importer's recursion broken the sync-Rust way, with
// Box::new into a Box<dyn Future>.
use std::future::Future;
use std::path::PathBuf;

fn import_dir(dir: PathBuf) -> Box<dyn Future<Output = std::io::Result<u32>>> {
    Box::new(async move {
        let mut count = 0;
        for sub in std::fs::read_dir(&dir)? {
            let path = sub?.path();
            if path.is_dir() {
                count += import_dir(path).await?;
            } else {
                count += 1;
            }
        }
        Ok(count)
    })
}

fn main() {
    let _ = import_dir(PathBuf::from("."));
}
