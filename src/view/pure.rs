//! One component type for every panel that keeps no state of its own: a panel is its props
//! type, which draws itself ([`Panel`]), and [`panel`] mounts it. Like a component of its own, it
//! is drawn again only when its props compare unequal (by value, as `#[derive(PartialEq)]` says).
//!
//! Each component type costs the page's wasm its own copy of Yew's lifecycle (creating,
//! mounting, reusing, comparing props: about 1.8 KB of code, whatever the component draws),
//! and the first screen runs some twenty such panels. Through this one component they share
//! one copy; each panel adds only its drawing and a comparison of its props.

use std::any::Any;
use std::rc::Rc;

use yew::prelude::*;
use yew::virtual_dom::Key;

use super::Dispatcher;

/// Props that draw themselves: a panel with no state or hooks of its own, which dispatches
/// through the `Dispatcher` context.
pub trait Panel: PartialEq + 'static {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html;
}

/// A panel's props behind one type: draws them and compares them with another panel's.
trait AnyPanel {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html;
    /// Equal when `other` is the same kind of panel with equal props.
    fn same(&self, other: &dyn Any) -> bool;
    fn as_any(&self) -> &dyn Any;
}

impl<P: Panel> AnyPanel for P {
    fn view(&self, dispatch: &Option<Dispatcher>) -> Html {
        Panel::view(self, dispatch)
    }
    fn same(&self, other: &dyn Any) -> bool {
        other.downcast_ref::<P>().is_some_and(|o| o == self)
    }
    fn as_any(&self) -> &dyn Any {
        self
    }
}

#[derive(Properties)]
pub struct PureProps {
    panel: Rc<dyn AnyPanel>,
}

impl PartialEq for PureProps {
    fn eq(&self, other: &Self) -> bool {
        self.panel.same(other.panel.as_any())
    }
}

#[component]
pub fn Pure(props: &PureProps) -> Html {
    let dispatch = use_context::<Dispatcher>();
    props.panel.view(&dispatch)
}

/// The panel `props` draw, mounted as a component of its own.
pub fn panel<P: Panel>(props: P) -> Html {
    let panel: Rc<dyn AnyPanel> = Rc::new(props);
    html! { <Pure {panel} /> }
}

/// [`panel`] with a key, for a panel among keyed siblings (the rows of a list).
pub fn keyed_panel<P: Panel>(key: impl Into<Key>, props: P) -> Html {
    let panel: Rc<dyn AnyPanel> = Rc::new(props);
    html! { <Pure key={key.into()} {panel} /> }
}

/// The props that mount panel `props` as the root of an app of its own
/// (`yew::Renderer::<Pure>::with_root_and_props`; the warm-up's copy of the document screen),
/// where no dispatcher is provided.
pub fn root_props<P: Panel>(props: P) -> PureProps {
    PureProps {
        panel: Rc::new(props),
    }
}
