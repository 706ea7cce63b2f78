import Foundation

/// Runs async work from synchronous code (the command line's `run()`, the bench) and waits.
///
/// The work runs on the concurrency pool and PostgresNIO's event loops, never on the waiting
/// thread, so waiting cannot deadlock it.
public func runBlocking<T: Sendable>(_ body: @escaping @Sendable () async throws -> T) throws -> T {
    let box = ResultBox<T>()
    let done = DispatchSemaphore(value: 0)
    Task {
        do { box.result = .success(try await body()) } catch { box.result = .failure(error) }
        done.signal()
    }
    done.wait()
    guard let result = box.result else { throw CancellationError() }
    return try result.get()
}

/// The result handed from the task to the waiting thread; the semaphore orders the two accesses.
private final class ResultBox<T>: @unchecked Sendable {
    var result: Result<T, any Error>?
}
