Console.WriteLine("contentpipeline");
