// nanoFramework.System.Threading 1.1.52 (assembly System.Threading, 1.1.52.34401): cancellation.
// The notes give the CancellationTokenSource constructor only. Token and Dispose (the class is
// IDisposable) are needed to use it at all; they are declared as read in System.Threading @ v1.1.52,
// nanoFramework.System.Threading/Threading/CancellationTokenSource.cs.
namespace System.Threading
{
    /// <summary>A cancellation token (a struct: parameters default it with <c>default</c>).</summary>
    public struct CancellationToken
    {
    }

    public class CancellationTokenSource : IDisposable
    {
        public CancellationTokenSource(int millisecondsDelay) => throw null;

        public CancellationToken Token => throw null;

        public void Dispose() => throw null;
    }
}
