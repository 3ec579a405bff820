// stories/alan-learns-async-on-his-own.md: a spawned task that borrows a
// client owned by the loop's function.
pub struct Client;

impl Client {
    pub async fn get(&self, url: String) -> usize {
        url.len()
    }
}

#[tokio::main]
async fn main() {
    let client = Client;
    let mut queue = vec![String::from("https://example.org/")];
    let mut pending = Vec::new();
    while let Some(url) = queue.pop() {
        pending.push(tokio::spawn(async { client.get(url).await }));
    }
}
