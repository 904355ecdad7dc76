//! Entry point of the wasm app: mounts the root component on `<body>`.

fn main() {
    article_annotator::view::start();
}
