// cmp-dyn-store: the older wording of E0038, on a trait that cannot be a
// trait object in any Rust version (a generic method).
pub trait Store {
    fn get<K: AsRef<str>>(&self, key: K) -> String;
}

pub struct Server {
    pub store: Box<dyn Store>,
}

fn main() {}
