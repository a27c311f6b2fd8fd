using Huntsman.Events;

namespace Huntsman.Report.Dump;

/// <summary>Writes events one after another to a stream, in the order given.</summary>
public interface IEventWriter : IDisposable
{
    void Write(WinEvent e);
    /// <summary>Writes any closing text (e.g. &lt;/Events&gt;) and flushes.</summary>
    void Complete();
}
