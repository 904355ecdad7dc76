# Sourced by the scripts: where the tools live, and settings that keep every tool offline.
export PATH="$HOME/.cargo/bin:$PWD/node_modules/.bin:$PATH"
# Trunk would otherwise ask the internet for a newer version of itself.
export TRUNK_SKIP_VERSION_CHECK=true
export PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1
