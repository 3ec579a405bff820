// stories/alan-lost-the-world.md: a future that borrows `&mut World`
// handed to a spawn_local that wants a 'static future (a stand-in with
// the signature of wasm_bindgen_futures::spawn_local).
use std::future::Future;

pub struct World<'a> {
    pub nodes: &'a mut Vec<u32>,
}

fn spawn_local<F: Future<Output = ()> + 'static>(_future: F) {}

async fn load_image(url: String, node: usize, world: &mut World<'_>) {
    let _ = (url, node);
    world.nodes.push(1);
}

fn on_script_call(world: &mut World<'_>, url: String, node: usize) {
    spawn_local(load_image(url, node, world));
}

fn main() {
    let mut nodes = Vec::new();
    let mut world = World { nodes: &mut nodes };
    on_script_call(&mut world, String::from("logo.png"), 0);
}
