Console.WriteLine("runtime bench");
