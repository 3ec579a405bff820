// stories/alan-writes-a-web-framework.md: `?` cannot turn a database
// error into the framework's (State, HandlerError) pair.
#![allow(dead_code)]
pub struct State;
pub struct Body;
pub struct Response<B>(B);
pub struct HandlerError;
pub struct DbError;
pub struct Order;

async fn fetch_orders(_state: &State) -> Result<Vec<Order>, DbError> {
    Ok(Vec::new())
}

fn render(_state: &State, _orders: Vec<Order>) -> Response<Body> {
    Response(Body)
}

async fn list_orders(state: State)
    -> Result<(State, Response<Body>), (State, HandlerError)>
{
    let orders = fetch_orders(&state).await?;
    let res = render(&state, orders);
    Ok((state, res))
}

fn main() {
    let _ = list_orders(State);
}
