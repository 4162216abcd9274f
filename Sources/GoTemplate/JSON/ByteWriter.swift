/// A growable byte buffer written through a pointer: where the JSON encoder builds its output,
/// cheaper per append than an array (no uniqueness check, no generic `append(contentsOf:)`).
struct ByteWriter: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The number of bytes written.
    private(set) var count = 0

    init(capacity: Int) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// Makes room for `extra` more bytes.
    @inline(never)
    private mutating func grow(_ extra: Int) {
        let newCapacity = max(capacity * 2, count + extra)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    @inline(__always)
    mutating func append(_ byte: UInt8) {
        if count == capacity { grow(1) }
        base[count] = byte
        count += 1
    }

    @inline(__always)
    mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) {
        guard let source = bytes.baseAddress else { return }
        let length = bytes.count
        if capacity - count < length { grow(length) }
        copyBytes(from: source, to: base + count, count: length)
        count += length
    }

    @inline(__always)
    mutating func append(_ text: StaticString) {
        append(UnsafeBufferPointer(start: text.utf8Start, count: text.utf8CodeUnitCount))
    }

    /// Appends the bytes of `array`.
    mutating func append(_ array: [UInt8]) {
        array.withUnsafeBufferPointer { append($0) }
    }

    /// Calls `body` with a pointer to room for `maximum` bytes at the end; `body` writes some
    /// and returns how many.
    @inline(__always)
    mutating func write(maximum: Int, _ body: (UnsafeMutablePointer<UInt8>) -> Int) {
        if capacity - count < maximum { grow(maximum) }
        count += body(base + count)
    }

    /// The bytes written so far.
    var bytes: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(start: base, count: count) }
}

/// Copies `count` bytes; a call to memmove costs more than copying a few bytes in place.
@inline(__always)
func copyBytes(from source: UnsafePointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>, count: Int) {
    if count > 16 {
        destination.update(from: source, count: count)
    } else if count > 8 {
        copyShort(from: source, to: destination, count: 8)
        copyShort(from: source + 8, to: destination + 8, count: count - 8)
    } else {
        copyShort(from: source, to: destination, count: count)
    }
}

/// Copies `count` bytes, at most eight, with loads that never straddle an eight-byte boundary
/// of the source: a small string's bytes have just been stored to the stack in two eight-byte
/// halves, and a load across both would stall until the stores complete. (A plain byte loop
/// would be turned back into a call to memmove.)
@inline(__always)
private func copyShort(from source: UnsafePointer<UInt8>, to destination: UnsafeMutablePointer<UInt8>, count: Int) {
    let from = UnsafeRawPointer(source)
    let to = UnsafeMutableRawPointer(destination)
    if count == 8 {
        to.storeBytes(of: from.loadUnaligned(as: UInt64.self), as: UInt64.self)
    } else if count >= 4 {
        let head = from.loadUnaligned(as: UInt32.self)
        let tail = from.loadUnaligned(fromByteOffset: count - 4, as: UInt32.self)
        to.storeBytes(of: head, as: UInt32.self)
        to.storeBytes(of: tail, toByteOffset: count - 4, as: UInt32.self)
    } else if count > 0 {
        destination[0] = source[0]
        destination[count / 2] = source[count / 2]
        destination[count - 1] = source[count - 1]
    }
}
